/**
 * `ludus llm-bot --endpoint <OpenAI-compatible base URL> --model M --game G [--token …] [--api-key …]
 *   [--url ws://host:port/bot] [--matches N] [--challenge NAME] [--max-attempts 3] [--temperature T]
 *   [--max-tokens N] [--timeout-ms MS] [--json] [game options]`
 * A language model plays on a running arena as a remote bot: the SDK connects in text mode
 * (docs/protocol.md § text mode), and each turn agents/llm asks the endpoint's chat completions for an
 * action, retrying a bounded number of times when the answer names no legal action and falling back to
 * the game's default action. Every turn's transcript (prompt, completion, attempts, time, token counts)
 * goes with the action and is stored with the match: GET /api/matches/:id/transcript, and
 * `ludus trajectories <id> --turns` for the turn-level training export. Bad input exits with code 2.
 */
import type { Command } from 'commander';
import { ArenaClient, ArenaError, TextAction, type Result } from '../../agents/client/index.ts';
import { LlmPlayer, openAiChat } from '../../agents/llm/index.ts';
import { parseConfig } from '../../games/core/kernel.ts';
import { getGame } from '../../games/index.ts';
import { guard, parseNumber, UsageError } from '../output.ts';
import { addGameOptions, gameConfigFrom } from './play.ts';

function httpUrl(name: string, value: string): string {
  let u: URL;
  try {
    u = new URL(value);
  } catch {
    throw new UsageError(`--${name} must be a URL, got ${JSON.stringify(value)}`);
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:')
    throw new UsageError(`--${name} must be an http(s) URL, got ${JSON.stringify(value)}`);
  return value;
}

/** What `ludus llm-bot` runs, after its command line is read (tests call it in-process). */
export interface LlmBotRun {
  endpoint: string;
  model: string;
  game: string;
  token: string;
  apiKey?: string;
  /** The arena's /bot URL. */
  url: string;
  /** The game config (JSON). */
  config: unknown;
  /** Matches one after another (0 = until stopped). */
  matches: number;
  challenge?: string;
  maxAttempts: number;
  temperature?: number;
  maxTokens?: number;
  timeoutMs: number;
  log?: (line: string) => void;
  onResult?: (r: Result) => void;
}

/** Connect in text mode and play `matches` matches; resolves with their results. Arena refusals are UsageErrors. */
export async function runLlmBot(o: LlmBotRun): Promise<Result[]> {
  const chat = openAiChat({ baseUrl: o.endpoint, ...(o.apiKey ? { apiKey: o.apiKey } : {}), timeoutMs: o.timeoutMs });
  const client = new ArenaClient({
    url: o.url,
    token: o.token,
    observation: 'text',
    createPolicy: (start) => {
      const player = new LlmPlayer({
        chat,
        model: o.model,
        game: start.game,
        seat: start.seat,
        maxAttempts: o.maxAttempts,
        ...(o.temperature !== undefined ? { temperature: o.temperature } : {}),
        ...(o.maxTokens !== undefined ? { maxTokens: o.maxTokens } : {}),
        ...(o.log ? { log: o.log } : {}),
      });
      return async (_text, info) => {
        const d = await player.decide({
          step: info.step,
          ...(info.text !== undefined ? { text: info.text } : {}),
          ...(info.legalText !== undefined ? { legalText: info.legalText } : {}),
          ...(info.defaultText !== undefined ? { defaultText: info.defaultText } : {}),
          ...(info.reward !== undefined ? { reward: info.reward } : {}),
        });
        return new TextAction(d.text, d.transcript);
      };
    },
    ...(o.log ? { log: o.log } : {}),
  });
  // Refusals from the arena (bad token, unknown game...) are bad input: one line, exit code 2.
  const arena = <T>(p: Promise<T>): Promise<T> =>
    p.catch((e) => {
      throw e instanceof ArenaError ? new UsageError(e.message) : e;
    });
  const welcome = await arena(client.connect());
  o.log?.(`connected as ${welcome.agent.name} (${o.model} playing ${o.game})`);
  const results: Result[] = [];
  try {
    for (let i = 0; o.matches === 0 || i < o.matches; i++) {
      const r = await arena(
        o.challenge ? client.challenge(o.challenge, o.game, o.config as never) : client.seek(o.game, o.config as never),
      );
      results.push(r);
      o.onResult?.(r);
    }
  } finally {
    // Also when the arena refuses a seek or a challenge: an open connection would keep the process alive.
    await client.close();
  }
  return results;
}

export function registerLlmBot(program: Command): void {
  const cmd = program
    .command('llm-bot')
    .description('a language model (OpenAI-compatible chat completions) plays on a running arena in text mode')
    .requiredOption('--endpoint <url>', 'OpenAI-compatible base URL, e.g. http://127.0.0.1:8000/v1')
    .requiredOption('--model <name>', 'model name sent to the endpoint')
    .requiredOption('--game <id>', 'game id')
    .option('--token <token>', 'agent token (or LUDUS_TOKEN)', process.env.LUDUS_TOKEN)
    .option(
      '--api-key <key>',
      'endpoint API key, sent as a Bearer token (or OPENAI_API_KEY)',
      process.env.OPENAI_API_KEY,
    )
    .option('--url <url>', 'bot endpoint', process.env.LUDUS_URL ?? 'ws://127.0.0.1:2567/bot')
    .option('--matches <n>', 'matches to play, one after another (0 = until stopped)', '1')
    .option('--challenge <name>', 'challenge this agent instead of seeking')
    .option('--max-attempts <n>', 'answers asked for per turn before the default action is played', '3')
    .option('--temperature <t>', 'sampling temperature sent to the endpoint')
    .option('--max-tokens <n>', 'max_tokens sent to the endpoint')
    .option('--timeout-ms <ms>', 'per-call timeout of the endpoint', '60000')
    .option('--json', 'one JSON line per finished match');
  addGameOptions(cmd).action((opts) =>
    guard(async () => {
      if (!opts.token) throw new UsageError('--token (or LUDUS_TOKEN) is required');
      const game = getGame(opts.game);
      await runLlmBot({
        endpoint: httpUrl('endpoint', opts.endpoint),
        model: opts.model,
        game: game.id,
        token: opts.token,
        ...(opts.apiKey ? { apiKey: opts.apiKey } : {}),
        url: opts.url,
        config: JSON.parse(JSON.stringify(parseConfig(game, gameConfigFrom(opts)))),
        matches: parseNumber('matches', opts.matches, { min: 0, integer: true }),
        ...(opts.challenge ? { challenge: opts.challenge } : {}),
        maxAttempts: parseNumber('max-attempts', opts.maxAttempts, { min: 1, max: 16, integer: true }),
        ...(opts.temperature !== undefined
          ? { temperature: parseNumber('temperature', opts.temperature, { min: 0, max: 2 }) }
          : {}),
        ...(opts.maxTokens !== undefined
          ? { maxTokens: parseNumber('max-tokens', opts.maxTokens, { min: 1, integer: true }) }
          : {}),
        timeoutMs: parseNumber('timeout-ms', opts.timeoutMs, { min: 1, integer: true }),
        log: (line) => process.stderr.write(`ludus llm-bot: ${line}\n`),
        onResult: (r) =>
          process.stdout.write(
            opts.json
              ? JSON.stringify(r) + '\n'
              : `${r.matchId}: ${r.outcome}, returns ${r.result.returns.join(' / ')} (seat ${r.seat ?? 0}), ${r.steps} steps\n`,
          ),
      });
    }),
  );
}
