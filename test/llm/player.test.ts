/**
 * agents/llm: reading an action out of a model's answer, the bounded retry with its fallback to the
 * default action, the transcript of each decision, and the OpenAI-compatible call against a real HTTP
 * server on loopback.
 */
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, it } from 'node:test';
import {
  ChatError,
  extractAction,
  LlmPlayer,
  openAiChat,
  systemPrompt,
  turnPrompt,
  type ChatFn,
} from '../../agents/llm/index.ts';

describe('extractAction', () => {
  const legal = ['C', 'D'];
  it('takes the last ACTION line, in any case, with decoration stripped, and returns the legal spelling', () => {
    assert.deepEqual(extractAction('ACTION: C\nOn second thought…\n**Action:** `d`.', legal), { text: 'D' });
    assert.deepEqual(extractAction('I defect.\nd', legal), { text: 'D' }, 'no ACTION line: the last line');
    assert.deepEqual(
      extractAction('action = a: move 1;  b: move 2', ['a: move 1; b: move 2']),
      { text: 'a: move 1; b: move 2' },
      'whitespace collapsed',
    );
  });

  it('refuses an answer that names no legal action, saying why', () => {
    const r = extractAction('ACTION: betray', legal);
    assert.equal(r.text, null);
    assert.match(r.why!, /"betray" is not one of the legal actions/);
    assert.equal(extractAction('   \n', legal).text, null);
  });

  it('keeps a free-text message after a `say: ` prefix as written: punctuation, case and inner quotes', () => {
    const talk = ['say: '];
    assert.deepEqual(extractAction('ACTION: say: I hold rock. Split 5/5?', talk), {
      text: 'say: I hold rock. Split 5/5?',
    });
    assert.deepEqual(extractAction('**Action:** Say: "Trust me."', talk), { text: 'say: Trust me.' });
    assert.deepEqual(extractAction('ACTION: say:', talk), { text: 'say: ' }, 'an empty message');
    assert.deepEqual(extractAction('ACTION: say: ok', ['C', 'D', 'say: ']), { text: 'say: ok' });
    assert.equal(extractAction('ACTION: shout: hi', talk).text, null, 'another prefix is not a message');
  });

  it('passes the candidate through when the game lists no legal actions (continuous games)', () => {
    assert.deepEqual(extractAction('ACTION: thrust 0.5 turn -1'), { text: 'thrust 0.5 turn -1' });
  });
});

describe('prompts', () => {
  it('a system message with the game rules, the seat and the answer format; a turn with the view and the legal list', () => {
    assert.match(systemPrompt('ipd', 1), /prisoner's dilemma[\s\S]*seat 1[\s\S]*ACTION: <action>/);
    assert.match(
      systemPrompt('trust-and-split', 0),
      /Trust-and-Split[\s\S]*only your own hand[\s\S]*say: <your message>/,
    );
    assert.match(
      systemPrompt('a-game-with-no-template', 0),
      /You play a game/,
      'a game without a template gets the generic one',
    );
    const p = turnPrompt({ step: 2, text: 'VIEW', legalText: ['C', 'D'], reward: 3 });
    assert.match(p, /Step 2\.\nYour reward since your last turn: 3\.\n\nVIEW\n\nLegal actions:\n- C\n- D/);
  });
});

/** A ChatFn answering from a list, recording the requests. */
function scripted(answers: (string | Error)[]): { chat: ChatFn; requests: unknown[] } {
  const requests: unknown[] = [];
  let i = 0;
  return {
    requests,
    chat: async (req) => {
      requests.push(structuredClone(req));
      const a = answers[i++] ?? 'ACTION: C';
      if (a instanceof Error) throw a;
      return { content: a, ms: 5, promptTokens: 10, completionTokens: 2 };
    },
  };
}

describe('LlmPlayer', () => {
  const turn = { step: 4, text: 'view', legalText: ['C', 'D'], defaultText: 'C' };

  it('retries after an unusable answer with the answer and a correction in the prompt, and sums time and tokens', async () => {
    const s = scripted(['no idea', 'ACTION: D']);
    const d = await new LlmPlayer({ chat: s.chat, model: 'm', game: 'ipd', seat: 0 }).decide(turn);
    assert.equal(d.text, 'D');
    assert.equal(d.transcript.attempts, 2);
    assert.equal(d.transcript.fallback, undefined);
    assert.deepEqual(
      d.transcript.prompt.map((m) => m.role),
      ['system', 'user', 'assistant', 'user'],
    );
    assert.equal(d.transcript.prompt[2]!.content, 'no idea');
    assert.equal(d.transcript.completion, 'ACTION: D');
    assert.deepEqual([d.transcript.promptTokens, d.transcript.completionTokens, d.transcript.latencyMs], [20, 4, 10]);
    assert.equal(s.requests.length, 2);
  });

  it('falls back to the default action after maxAttempts unusable answers or failed calls, and never throws', async () => {
    const s = scripted(['nope', new ChatError('503'), 'still nope']);
    const d = await new LlmPlayer({ chat: s.chat, model: 'm', game: 'ipd', seat: 0, maxAttempts: 3 }).decide(turn);
    assert.equal(d.text, 'C');
    assert.equal(d.transcript.fallback, true);
    assert.equal(d.transcript.attempts, 3);
    assert.equal(d.transcript.completion, 'still nope');
    assert.equal(s.requests.length, 3, 'bounded: no fourth request');
  });
});

describe('openAiChat', () => {
  it('posts {model, messages} with the key to /chat/completions and reads the content and usage', async () => {
    let got: { url?: string; auth?: string; body?: any } = {};
    const server = createServer(async (req, res) => {
      let raw = '';
      for await (const c of req) raw += c;
      got = { url: req.url, auth: req.headers.authorization, body: JSON.parse(raw) };
      if (got.body.model === 'broken') {
        res.writeHead(500, { 'content-type': 'application/json' }).end('{"error":{"message":"boom"}}');
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          choices: [{ message: { content: 'ACTION: C' } }],
          usage: { prompt_tokens: 9, completion_tokens: 3 },
        }),
      );
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/`;
    try {
      const chat = openAiChat({ baseUrl: base, apiKey: 'sk-x' });
      const a = await chat({ model: 'm', messages: [{ role: 'user', content: 'hi' }], temperature: 0, maxTokens: 5 });
      assert.equal(got.url, '/v1/chat/completions');
      assert.equal(got.auth, 'Bearer sk-x');
      assert.deepEqual(got.body, {
        model: 'm',
        messages: [{ role: 'user', content: 'hi' }],
        temperature: 0,
        max_tokens: 5,
      });
      assert.equal(a.content, 'ACTION: C');
      assert.deepEqual([a.promptTokens, a.completionTokens], [9, 3]);
      await assert.rejects(
        chat({ model: 'broken', messages: [] }),
        (e: ChatError) => e.status === 500 && /boom/.test(e.message),
      );
    } finally {
      await new Promise<void>((r) => server.close(() => r()));
    }
  });
});
