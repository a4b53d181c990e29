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
      const endpoint = httpUrl('endpoint', opts.endpoint);
      const game = getGame(opts.game);
      const config = JSON.parse(JSON.stringify(parseConfig(game, gameConfigFrom(opts))));
      const matches = parseNumber('matches', opts.matches, { min: 0, integer: true });
      const maxAttempts = parseNumber('max-attempts', opts.maxAttempts, { min: 1, max: 16, integer: true });
      const timeoutMs = parseNumber('timeout-ms', opts.timeoutMs, { min: 1, integer: true });
      const temperature =
        opts.temperature === undefined ? undefined : parseNumber('temperature', opts.temperature, { min: 0, max: 2 });
      const maxTokens =
        opts.maxTokens === undefined ? undefined : parseNumber('max-tokens', opts.maxTokens, { min: 1, integer: true });
      const chat = openAiChat({ baseUrl: endpoint, ...(opts.apiKey ? { apiKey: opts.apiKey } : {}), timeoutMs });
      const log = (line: string) => process.stderr.write(`ludus llm-bot: ${line}\n`);
      const client = new ArenaClient({
        url: opts.url,
        token: opts.token,
        observation: 'text',
        createPolicy: (start) => {
          const player = new LlmPlayer({
            chat,
            model: opts.model,
            game: start.game,
            seat: start.seat,
            maxAttempts,
            ...(temperature !== undefined ? { temperature } : {}),
            ...(maxTokens !== undefined ? { maxTokens } : {}),
            log,
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
        log,
      });
      const arena = <T>(p: Promise<T>): Promise<T> =>
        p.catch((e) => {
          throw e instanceof ArenaError ? new UsageError(e.message) : e;
        });
      const welcome = await arena(client.connect());
      log(`connected as ${welcome.agent.name} (${opts.model} playing ${game.id})`);
      const report = (r: Result) => {
        if (opts.json) process.stdout.write(JSON.stringify(r) + '\n');
        else
          process.stdout.write(
            `${r.matchId}: ${r.outcome}, returns ${r.result.returns.join(' / ')} (seat ${r.seat ?? 0}), ${r.steps} steps\n`,
          );
      };
      try {
        for (let i = 0; matches === 0 || i < matches; i++)
          report(
            await arena(
              opts.challenge ? client.challenge(opts.challenge, game.id, config) : client.seek(game.id, config),
            ),
          );
      } finally {
        await client.close();
      }
    }),
  );
}
