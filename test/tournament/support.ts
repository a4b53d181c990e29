/** Helpers shared by the tournament tests: poll until a condition holds, and run `ludus` as a child process. */
import { spawn } from 'node:child_process';

export const ROOT = new URL('../../', import.meta.url).pathname;

/** Poll `fn` every `every` ms until it returns something truthy (errors count as not yet); throw after `ms`. */
export async function until<T>(
  what: string,
  fn: () => T | undefined | false | Promise<T | undefined | false>,
  ms = 90_000,
  every = 100,
): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await Promise.resolve()
      .then(fn)
      .catch(() => undefined);
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, every));
  }
}

/** `node bin/ludus.js …` with extra environment; resolves with its exit code and output. */
export function ludus(
  env: Record<string, string>,
  ...args: string[]
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, ['bin/ludus.js', ...args], {
      cwd: ROOT,
      env: { ...process.env, LUDUS_PROGRESS: '0', ...env },
    });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d) => (stdout += d));
    p.stderr.on('data', (d) => (stderr += d));
    p.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
