/**
 * Which TensorFlow.js backend trains the networks. Order of preference (issue 6):
 *   1. @tensorflow/tfjs-node  (native TensorFlow; an optionalDependency, often not installable),
 *   2. @tensorflow/tfjs-backend-wasm (XNNPACK kernels, works everywhere Node runs),
 *   3. the pure-JS 'cpu' backend that ships with @tensorflow/tfjs.
 * The first that imports AND activates wins; every failure is kept so that the log says why.
 * LUDUS_TF_BACKEND=tensorflow|wasm|cpu forces one (a forced backend that fails is an error).
 */
import * as tf from '@tensorflow/tfjs';

export type BackendName = 'tensorflow' | 'wasm' | 'cpu';

export interface BackendCandidate {
  name: BackendName;
  /** Module that registers the backend; null for 'cpu', which @tensorflow/tfjs already registers. */
  module: string | null;
}

export const BACKEND_ORDER: readonly BackendCandidate[] = [
  { name: 'tensorflow', module: '@tensorflow/tfjs-node' },
  { name: 'wasm', module: '@tensorflow/tfjs-backend-wasm' },
  { name: 'cpu', module: null },
];

export interface BackendChoice {
  name: BackendName;
  /** Candidates that were tried before the chosen one, with the reason each failed. */
  skipped: { name: BackendName; reason: string }[];
}

export interface SelectOptions {
  candidates?: readonly BackendCandidate[];
  /** How a module is loaded (tests inject a failing importer to exercise the fallback). */
  importer?: (specifier: string) => Promise<unknown>;
  /** Where the one-line "backend in use" message goes (default stderr; pass null for silence). */
  log?: ((line: string) => void) | null;
  force?: BackendName;
}

export async function selectBackend(opts: SelectOptions = {}): Promise<BackendChoice> {
  const importer = opts.importer ?? ((s: string) => import(s));
  const force = opts.force ?? (process.env.LUDUS_TF_BACKEND as BackendName | undefined);
  const list = (opts.candidates ?? BACKEND_ORDER).filter((c) => !force || c.name === force);
  if (list.length === 0)
    throw new Error(`unknown tfjs backend ${JSON.stringify(force)}; expected tensorflow, wasm or cpu`);
  const skipped: BackendChoice['skipped'] = [];
  for (const c of list) {
    try {
      if (c.module) await importer(c.module);
      const ok = await tf.setBackend(c.name);
      if (!ok) throw new Error(`tf.setBackend('${c.name}') returned false`);
      await tf.ready();
      const choice = { name: c.name, skipped };
      const log = opts.log === undefined ? (l: string) => process.stderr.write(l + '\n') : opts.log;
      log?.(
        `ludus: tfjs backend ${c.name}${skipped.length ? ` (skipped ${skipped.map((s) => s.name).join(', ')})` : ''}`,
      );
      return choice;
    } catch (e) {
      skipped.push({ name: c.name, reason: (e as Error).message.split('\n')[0]! });
    }
  }
  throw new Error(`no tfjs backend could start: ${skipped.map((s) => `${s.name}: ${s.reason}`).join('; ')}`);
}

let current: Promise<BackendChoice> | undefined;

/** The process-wide backend, selected once. */
export function ensureBackend(opts: SelectOptions = {}): Promise<BackendChoice> {
  return (current ??= selectBackend(opts));
}
