/**
 * The match journal (server/live/journal.ts) keeps what a crash would otherwise lose of a running match:
 * its steps, and the language-model transcripts sent with its actions. A match cut short is rebuilt from
 * the journal alone as an aborted, unrated record with its partial log and the transcripts of the steps
 * in that log. Real bots on loopback; the crash is read off the running file while the match is live.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { abortedRecord } from '../../server/live/journal.ts';
import { bootLive, RawBot, type LiveTestServer } from '../support/live-harness.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const transcript = (step: number) => ({
  prompt: [
    { role: 'system' as const, content: 'You play the iterated prisoner’s dilemma.' },
    { role: 'user' as const, content: `Round ${step + 1}. Your move?` },
  ],
  completion: `I cooperate (round ${step + 1}).`,
  model: 'test-model',
  attempts: 1,
});

describe('match journal: transcripts survive a crash', () => {
  let s: LiveTestServer;
  let dir: string;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ludus-journal-'));
    s = await bootLive({ journalDir: dir, timing: { turnMs: 5000, bankMs: 5000 } });
    s.store.addBuiltins(['tft'], ['ipd']);
  });
  after(async () => {
    await s.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a match cut short keeps the transcripts of the steps in its partial log, and only those', async () => {
    const me = s.store.add('llm-like');
    const { bot } = await RawBot.login(s.botUrl, me.token);
    bot.send({ type: 'challenge', opponent: 'tft', game: 'ipd', config: { turns: 10 } });
    const start = await bot.next('match-start');
    const matchId = start.matchId as string;
    // Steps 0 and 2 come with a transcript (step 0 as text), step 1 without; step 3 waits unanswered.
    for (let step = 0; step < 3; step++) {
      await bot.next((m) => m.type === 'turn' && m.step === step);
      const withTranscript = step !== 1 ? { transcript: transcript(step) } : {};
      if (step === 0) bot.send({ type: 'action', matchId, step, text: 'C', ...withTranscript });
      else bot.send({ type: 'action', matchId, step, action: 'C', ...withTranscript });
    }
    await bot.next((m) => m.type === 'turn' && m.step === 3);
    await sleep(300); // the journal appends every 100 ms (JOURNAL_FLUSH_MS)

    // What a restart would find: the running file of a match that never finished.
    const running = readFileSync(join(dir, 'running', `${matchId}.jsonl`), 'utf8');
    const rec = abortedRecord(running);
    assert.ok(rec, 'the running file has a readable header');
    assert.equal(rec.outcome, 'aborted');
    assert.equal(rec.rated, false);
    assert.equal(rec.actions.length, 3, 'the three steps played');
    assert.deepEqual(
      rec.transcripts?.map((t) => [t.seat, t.step, t.text, t.completion]),
      [
        [0, 0, 'C', 'I cooperate (round 1).'],
        [0, 2, null, 'I cooperate (round 3).'],
      ],
    );
    assert.deepEqual(rec.transcripts?.[0]?.prompt, transcript(0).prompt);
    assert.equal(rec.transcripts?.[1]?.model, 'test-model');

    // A torn tail (the process died mid-write): the log ends before it, and so do the transcripts.
    const lines = running.trimEnd().split('\n');
    const torn = [...lines.slice(0, -1), lines.at(-1)!.slice(0, 10)].join('\n');
    const cut = abortedRecord(torn)!;
    assert.equal(cut.actions.length, 2);
    assert.deepEqual(
      cut.transcripts?.map((t) => t.step),
      [0],
      'no transcript of a step the log does not hold',
    );
    await bot.close();
  });
});
