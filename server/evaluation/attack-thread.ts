/**
 * Runs one attack in a worker thread (attack-worker.ts) and turns its messages into callbacks.
 * `abort()` asks the attack to stop between iterations (its result then carries a resume state);
 * `terminate()` ends the thread at once (shutdown: the job's last snapshot is what a successor resumes).
 */
import { Worker } from 'node:worker_threads';
import type { AttackProgress, AttackResult, AttackResumeState } from '../../agents/adversary/attack.ts';
import type { AttackJobInput } from './attack-worker.ts';

export interface AttackThreadHooks {
  onProgress?(p: AttackProgress): void;
  onSnapshot?(s: AttackResumeState): void;
}

/** An attack that failed inside its thread; `code` is the typed error's code when it had one (e.g. BAD_CONFIG). */
export class AttackFailed extends Error {
  constructor(
    message: string,
    readonly code?: string,
  ) {
    super(message);
  }
}

export class AttackThread {
  private readonly worker: Worker;
  readonly result: Promise<AttackResult>;

  constructor(input: AttackJobInput, hooks: AttackThreadHooks = {}) {
    const tsx = import.meta.resolve('tsx/esm/api');
    const entry = new URL('./attack-worker.ts', import.meta.url).href;
    const boot = `const { parentPort } = require('node:worker_threads');
import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(entry)}); }).then((m) => m.startWorker()).catch((e) => {
  parentPort.on('message', () => parentPort.postMessage({ kind: 'error', message: 'attack worker failed to start: ' + ((e && e.stack) || e) }));
});`;
    this.worker = new Worker(boot, { eval: true, execArgv: [] });
    this.result = new Promise<AttackResult>((ok, fail) => {
      this.worker.on('message', (msg: any) => {
        if (msg.kind === 'progress') hooks.onProgress?.(msg.progress);
        else if (msg.kind === 'snapshot') hooks.onSnapshot?.(msg.state);
        else if (msg.kind === 'done') ok(msg.result);
        else if (msg.kind === 'error')
          fail(new AttackFailed(String(msg.message), typeof msg.code === 'string' ? msg.code : undefined));
      });
      this.worker.on('error', (e) => fail(new AttackFailed(e.message)));
      this.worker.on('exit', (code) => fail(new AttackFailed(`attack thread exited (${code})`)));
    });
    this.result.catch(() => undefined).finally(() => void this.worker.terminate());
    this.worker.postMessage({ kind: 'start', input });
  }

  abort(): void {
    this.worker.postMessage({ kind: 'abort' });
  }

  async terminate(): Promise<void> {
    await this.worker.terminate();
  }
}
