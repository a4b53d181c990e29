/**
 * `ludus llm-bot` end to end: the CLI's runner (in-process: a child process costs seconds of tsx start-up;
 * test/cli/usage-errors.test.ts covers the command line itself) plays a full match on a real arena (HTTP API,
 * /bot, the SQL store on PGlite and on the real PostgreSQL) against a built-in agent, asking a scripted
 * OpenAI-compatible chat-completions server that the test starts on loopback. The script answers with a
 * legal action from the prompt, except where it is told to answer nonsense: one unparsable answer
 * exercises the bounded retry, and a turn of nothing but nonsense exercises the fallback to the default
 * action. The stored transcript (GET /api/matches/:id/transcript) must be the exchange the endpoint saw,
 * and the turn-level export (API and `ludus trajectories --turns`) must match it and the stored returns.
 *
 * One case per game: Trust-and-Split (`trust-and-split`) is one more row of CASES.
 */
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { runLlmBot } from '../../cli/commands/llm-bot.ts';
import { trajectoryJsonl } from '../../cli/commands/trajectories.ts';
import { bootArena, type TestArena } from '../support/arena-harness.ts';
import { BACKENDS } from './store-backends.ts';
import { getGame } from '../../games/index.ts';

interface Case {
  game: string;
  /** The built-in agent the model plays against. */
  opponent: string;
  /** The game config. */
  config: Record<string, unknown>;
  /** Turns the model's seat plays. */
  turns: number;
  /** The model's seat acts at every step (simultaneous-move games), so its turns are steps 0..turns−1. */
  everyStep: boolean;
  /** The default action's text at the model's third turn (the one that falls back). */
  defaultAtThird: string;
}

const CASES: Case[] = [
  { game: 'ipd', opponent: 'tft', config: { turns: 6 }, turns: 6, everyStep: true, defaultAtThird: 'C' },
  // Each round: one message each, one after the other, then both claim at once: the model's turns are
  // (say, claim) per round, and its third turn is the second round's message (default: say nothing).
  {
    game: 'trust-and-split',
    opponent: 'reciprocal',
    config: { rounds: 3 },
    turns: 6,
    everyStep: false,
    defaultAtThird: 'say: ',
  },
];

/** Requests (1-based, counted by the scripted server) answered with nonsense. */
const NONSENSE_AT = new Set([2, 4, 5, 6]);
const NONSENSE = 'I would rather not say.';

interface Seen {
  messages: { role: string; content: string }[];
  answer: string;
  model: string;
  auth: string | undefined;
}

/**
 * A scripted chat-completions server: request n answers NONSENSE when n is in NONSENSE_AT, else the
 * legal action listed in the last user message at index n mod (number listed), as `ACTION: …`; every
 * answer reports usage {prompt_tokens: 100 + n, completion_tokens: 7}.
 */
async function scriptedModel(): Promise<{ url: string; seen: Seen[]; close(): Promise<void> }> {
  const seen: Seen[] = [];
  const server: Server = createServer(async (req: IncomingMessage, res) => {
    let raw = '';
    for await (const chunk of req) raw += chunk;
    if (req.method !== 'POST' || req.url !== '/v1/chat/completions') {
      res.writeHead(404).end();
      return;
    }
    const body = JSON.parse(raw) as { model: string; messages: { role: string; content: string }[] };
    const n = seen.length + 1;
    const user = [...body.messages].reverse().find((m) => m.role === 'user')!.content;
    // The first user message of the turn lists the legal actions (a retry's correction gives examples).
    const turnMsg = body.messages.find((m) => m.role === 'user')!.content;
    const legal = turnMsg
      .split('\n')
      .filter((l) => l.startsWith('- '))
      .map((l) => l.slice(2));
    const answer =
      NONSENSE_AT.has(n) || legal.length === 0
        ? NONSENSE
        : `Thinking about ${user.length} characters.\nACTION: ${legal[n % legal.length]}`;
    seen.push({ messages: body.messages, answer, model: body.model, auth: req.headers.authorization });
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify({
        id: `chatcmpl-${n}`,
        object: 'chat.completion',
        choices: [{ index: 0, message: { role: 'assistant', content: answer }, finish_reason: 'stop' }],
        usage: { prompt_tokens: 100 + n, completion_tokens: 7, total_tokens: 107 + n },
      }),
    );
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    seen,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

for (const backend of BACKENDS) {
  describe(`ludus llm-bot on ${backend.name}`, { skip: backend.skip }, () => {
    let t: TestArena;
    before(async () => {
      t = await bootArena(backend);
    });
    after(async () => {
      await t?.close();
    });

    for (const c of CASES) {
      it(`plays a full ${c.game} match against ${c.opponent}: one retry after an unparsable answer, one fallback to the default; the stored transcript and the turn-level export match`, async () => {
        const model = await scriptedModel();
        try {
          const { token } = await t.register(`llm-${c.game}-${backend.name}`, [c.game]);
          const [result] = await runLlmBot({
            endpoint: model.url,
            model: 'scripted-1',
            game: c.game,
            token,
            apiKey: 'sk-test',
            url: t.botUrl,
            config: c.config,
            matches: 1,
            challenge: c.opponent,
            maxAttempts: 3,
            timeoutMs: 10_000,
          });
          assert.equal(result!.outcome, 'normal');
          const seat = result!.seat!;
          const id = result!.matchId;

          // The endpoint saw every request, with the key and the model; request 2 was nonsense, so the
          // second turn took two answers; requests 4, 5 and 6 were nonsense, so the third turn fell back.
          assert.ok(model.seen.every((s) => s.model === 'scripted-1' && s.auth === 'Bearer sk-test'));
          const tr = await t.call('GET', `/api/matches/${id}/transcript`);
          assert.equal(tr.status, 200);
          const turns = tr.json.turns.filter((x: { seat: number }) => x.seat === seat);
          assert.equal(turns.length, c.turns, 'one transcript per turn of the model');
          const steps = turns.map((x: { step: number }) => x.step);
          if (c.everyStep)
            assert.deepEqual(
              steps,
              Array.from({ length: c.turns }, (_, i) => i),
            );
          else
            assert.ok(
              steps.every((s: number, i: number) => i === 0 || s > steps[i - 1]),
              'one transcript per step',
            );
          assert.equal(
            turns.reduce((n: number, x: { attempts: number }) => n + x.attempts, 0),
            model.seen.length,
            'every request is accounted for by one turn',
          );
          // Turn 0: request 1; turn 1: requests 2 (nonsense) and 3; turn 2: requests 4, 5, 6 (all nonsense).
          const byAttempts = turns.map((x: { attempts: number }) => x.attempts);
          assert.deepEqual(byAttempts.slice(0, 3), [1, 2, 3]);
          const retried = turns[1];
          assert.equal(retried.prompt.length, 4, 'system, turn, the unparsable answer, the correction');
          assert.equal(retried.prompt[2].content, NONSENSE);
          assert.match(retried.prompt[3].content, /could not be used/);
          assert.equal(retried.completion, model.seen[2]!.answer);
          assert.deepEqual(
            retried.prompt,
            model.seen[2]!.messages,
            'the stored prompt is the request the endpoint got',
          );
          assert.equal(retried.promptTokens, 102 + 103);
          assert.equal(retried.completionTokens, 14);
          assert.equal(retried.model, 'scripted-1');
          assert.ok(retried.latencyMs >= 0);
          assert.equal(retried.fallback, undefined);
          const fell = turns[2];
          assert.equal(fell.fallback, true, 'three nonsense answers in a row: the default action');
          assert.equal(fell.completion, NONSENSE);

          // The actions the engine consumed are the ones the answers named (the default where it fell back).
          const replay = (await t.call('GET', `/api/matches/${id}/replay`)).json;
          const game = getGame(c.game);
          for (const x of turns) {
            const played = replay.actions[x.step][seat];
            assert.equal(x.text, x.fallback ? c.defaultAtThird : /ACTION: (.*)$/.exec(x.completion)![1]);
            assert.equal(game.actionText(played), x.text);
          }
          assert.equal(game.actionText(replay.actions[turns[2].step][seat]), c.defaultAtThird, 'the default action');

          // The turn-level export: one line per turn, joined with the transcript, summing to the stored return.
          const api = await t.call('GET', `/api/matches/${id}/trajectories?format=turns&seat=${seat}`);
          assert.equal(api.status, 200);
          const lines = api.text
            .trim()
            .split('\n')
            .map((l) => JSON.parse(l));
          assert.equal(lines.length, c.turns);
          const stored = (await t.call('GET', `/api/matches/${id}`)).json;
          const ret = stored.result.returns[seat];
          lines.forEach((l, i) => {
            assert.equal(l.matchId, id);
            assert.equal(l.turn, i);
            assert.deepEqual(l.prompt, turns[i].prompt);
            assert.equal(l.completion, turns[i].completion);
            assert.equal(l.return, ret);
          });
          assert.equal(
            lines.reduce((n, l) => n + l.reward, 0),
            ret,
            'the rewards of the turns sum to the stored return',
          );
          assert.equal(lines[0].returnToGo, ret);
          assert.equal(lines.at(-1).terminated, true);

          // The CLI's export of the stored match is the same lines.
          assert.equal(await trajectoryJsonl(id, { url: t.base, seat, turns: true }), api.text);
        } finally {
          await model.close();
        }
      });
    }
  });
}
