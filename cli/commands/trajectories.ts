/**
 * `ludus trajectories <replay.json | match id> [--url http://host:port] [--seat N] [--vectors-only] [--turns] [--out FILE]`
 * Offline-RL trajectories as JSONL, the same lines as `GET /api/matches/:id/trajectories`
 * (server/api/replay-export.ts): regenerated here by re-simulating a replay, either a file saved from
 * `GET /api/matches/:id/replay` or fetched from a running arena by match id. Each seat's last line says
 * how the episode ended: `terminated` (the game's terminal state) or `truncated` (cut short: forfeit,
 * disconnect, crash, step cap, shutdown), with `reason` and `outcome`. A replay file saved before the
 * replay carried `outcome`/`result` still gets terminated/truncated from the re-simulation, with a null reason.
 * `--turns`: the turn-level lines for language models instead (`?format=turns`: prompt, completion, reward,
 * return, returnToGo, turn index, match id), joined with the match's transcripts (fetched from
 * `GET /api/matches/:id/transcript`, or a replay file's `transcript` field: that answer's `turns`).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { getGame } from '../../games/index.ts';
import type { TurnTranscript } from '../../server/contracts.ts';
import { toJsonl, trajectories, turnLines, type ReplayFile } from '../../server/api/replay-export.ts';
import { guard, parseNumber, UsageError } from '../output.ts';

/** A replay, with the match's transcripts when `turns` asks for them. */
type Loaded = ReplayFile & { transcript?: { turns?: TurnTranscript[] } };

async function loadReplay(source: string, url: string, turns = false): Promise<Loaded> {
  if (existsSync(source)) {
    try {
      return JSON.parse(readFileSync(source, 'utf8')) as Loaded;
    } catch (e) {
      throw new UsageError(`${source} is not a replay JSON file: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  const base = url
    .replace(/^ws/, 'http')
    .replace(/\/bot\/?$/, '')
    .replace(/\/+$/, '');
  const get = async (what: string): Promise<Record<string, unknown>> => {
    let res: Response;
    try {
      res = await fetch(`${base}/api/matches/${encodeURIComponent(source)}/${what}`);
    } catch (e) {
      throw new UsageError(`cannot reach ${base}: ${e instanceof Error ? e.message : String(e)}`);
    }
    const body = (await res.json().catch(() => ({}))) as Record<string, unknown>;
    if (!res.ok)
      throw new UsageError(
        `${source}: no such file, and the arena answered ${res.status} ${String(body.code ?? '')}: ${String(body.message ?? '')}`,
      );
    return body;
  };
  const rep = (await get('replay')) as unknown as Loaded;
  if (turns) rep.transcript = (await get('transcript')) as { turns?: TurnTranscript[] };
  return rep;
}

/** The JSONL `ludus trajectories` prints (tests call it in-process). @throws UsageError for bad input */
export async function trajectoryJsonl(
  source: string,
  opts: { url: string; seat?: number; vectorsOnly?: boolean; turns?: boolean },
): Promise<string> {
  const rep = await loadReplay(source, opts.url, Boolean(opts.turns));
  if (typeof rep.game !== 'string' || !Array.isArray(rep.actions))
    throw new UsageError(`${source}: not a replay (needs game, config, seed, actions)`);
  const seat = opts.seat;
  const matchId = existsSync(source) ? undefined : source;
  return toJsonl(
    opts.turns
      ? turnLines(getGame(rep.game), rep, rep.transcript?.turns ?? [], { seat, ...(matchId ? { matchId } : {}) })
      : trajectories(getGame(rep.game), rep, { seat, vectorsOnly: Boolean(opts.vectorsOnly) }),
  );
}

export function registerTrajectories(program: Command): void {
  program
    .command('trajectories <source>')
    .description('offline-RL trajectories (JSONL) of a match: from a replay file, or a match id on a running arena')
    .option('--url <url>', 'arena base URL (for a match id)', process.env.LUDUS_URL ?? 'http://127.0.0.1:2567')
    .option('--seat <n>', 'keep one seat')
    .option('--vectors-only', 'drop the JSON observations (keep the encoded vectors)')
    .option('--turns', 'turn-level lines for language models: prompt, completion, reward, return, turn, match id')
    .option('--out <file>', 'write to a file instead of stdout')
    .option('--json', 'accepted for uniformity: the output is always JSON lines')
    .action((source: string, opts) =>
      guard(async () => {
        const seat = opts.seat === undefined ? undefined : parseNumber('seat', opts.seat, { min: 0, integer: true });
        const body = await trajectoryJsonl(source, {
          url: opts.url,
          ...(seat !== undefined ? { seat } : {}),
          vectorsOnly: Boolean(opts.vectorsOnly),
          turns: Boolean(opts.turns),
        });
        if (opts.out) writeFileSync(opts.out, body);
        else process.stdout.write(body);
      }),
    );
}
