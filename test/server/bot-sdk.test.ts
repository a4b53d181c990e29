/**
 * The bot SDK (agents/client) and `ludus bot` against a real server on loopback: seeking, challenges,
 * recovery from a rejected action, reconnection after a dropped connection, and the CLI in its own process.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { ArenaClient } from '../../agents/client/index.ts';
import { bootLive, type LiveTestServer } from '../support/live-harness.ts';

type Run = { code: number | null; stdout: string; stderr: string };
function ludus(args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, ['bin/ludus.js', ...args], { cwd: new URL('../..', import.meta.url).pathname });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d) => (stdout += d));
    p.stderr.on('data', (d) => (stderr += d));
    p.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('bot SDK and `ludus bot`', () => {
  let s: LiveTestServer;
  // The CLI processes start with the suite (their start-up is the slow part) and are checked below.
  let cliGood: Promise<Run>;
  let cliBadToken: Promise<Run>;
  let cliRefusedSeek: Promise<Run>;
  before(async () => {
    s = await bootLive({ matchmaking: { fillerAfterMs: 30 } });
    s.store.addBuiltins(['tft', 'alld', 'grim'], ['ipd']);
    const { token } = s.store.add('cli-bot');
    cliGood = ludus([
      'bot',
      '--agent',
      'alld',
      '--game',
      'ipd',
      '--url',
      s.botUrl,
      '--token',
      token,
      '--matches',
      '2',
      '--turns',
      '5',
      '--json',
    ]);
    cliBadToken = ludus(['bot', '--agent', 'tft', '--game', 'ipd', '--url', s.botUrl, '--token', 'tok_nope']);
    const ipdOnly = s.store.add('cli-ipd-only', { games: ['ipd'] });
    cliRefusedSeek = ludus([
      'bot',
      '--agent',
      'heuristic',
      '--game',
      'vgc',
      '--url',
      s.botUrl,
      '--token',
      ipdOnly.token,
    ]);
  });
  after(async () => {
    await s.close();
  });

  it('a policy function plays a seek to its result; each match gets a fresh policy from createPolicy', async () => {
    const { token } = s.store.add('sdk-seeker');
    let created = 0;
    const client = new ArenaClient({
      url: s.botUrl,
      token,
      createPolicy: () => {
        created++;
        let last: string | undefined;
        return (obs) => {
          last = obs.oppMoves.at(-1) ?? 'C'; // tit for tat from the observation alone
          return last;
        };
      },
    });
    const welcome = await client.connect();
    assert.equal(welcome.agent.name, 'sdk-seeker');
    const r1 = await client.seek('ipd', { turns: 10 });
    const r2 = await client.seek('ipd', { turns: 10 });
    assert.deepEqual(r1.result.returns, [30, 30], 'TFT against the TFT filler cooperates throughout');
    assert.notEqual(r1.matchId, r2.matchId);
    assert.equal(created, 2);
    await client.close();
  });

  it("seek and challenge take an observation mode for one match, over the connection's", async () => {
    const { token } = s.store.add('sdk-per-match-text');
    const seen: string[] = [];
    const client = new ArenaClient({
      url: s.botUrl,
      token,
      policy: (obs, info) => {
        seen.push(typeof obs);
        // In text mode the observation is the text view and the legal actions come as text too.
        if (typeof obs === 'string') {
          assert.match(obs, /\S/);
          assert.deepEqual(info.legalText, ['C', 'D']);
        }
        return 'C';
      },
    });
    await client.connect();
    const text = await client.challenge('tft', 'ipd', { turns: 3 }, { observation: 'text' });
    assert.equal(text.outcome, 'normal');
    assert.deepEqual(seen.splice(0), ['string', 'string', 'string'], 'the text match gave the policy text');
    const json = await client.seek('ipd', { turns: 2 });
    assert.equal(json.outcome, 'normal');
    assert.deepEqual(seen.splice(0), ['object', 'object'], "the next match is back to the connection's JSON");
    const seekText = await client.seek('ipd', { turns: 2 }, { observation: 'text' });
    assert.equal(seekText.outcome, 'normal');
    assert.deepEqual(seen.splice(0), ['string', 'string'], 'a seek in text mode');
    await client.close();
  });

  it('after an illegal action the SDK answers the same turn with a legal one, so the match completes', async () => {
    const { token } = s.store.add('sdk-clumsy');
    const errors: string[] = [];
    const client = new ArenaClient({
      url: s.botUrl,
      token,
      policy: () => ({ say: 'cheap talk is off' }),
      log: (l) => errors.push(l),
    });
    await client.connect();
    const r = await client.challenge('alld', 'ipd', { turns: 3 });
    assert.equal(r.outcome, 'normal');
    assert.equal(r.steps, 3);
    assert.ok(errors.some((e) => e.includes('ILLEGAL_ACTION')));
    await client.close();
  });

  it('two SDK bots play a challenge; the challenged one accepts through onChallenge', async () => {
    const a = s.store.add('sdk-a');
    const b = s.store.add('sdk-b');
    const offers: string[] = [];
    const ca = new ArenaClient({ url: s.botUrl, token: a.token, policy: () => 'D' });
    const seenByB: string[] = [];
    const cb = new ArenaClient({
      url: s.botUrl,
      token: b.token,
      policy: (obs) => (seenByB.push(typeof obs), 'C'),
      onChallenge: (o) => (offers.push(o.from.name), offers.length === 1 ? true : { observation: 'text' }),
    });
    await Promise.all([ca.connect(), cb.connect()]);
    const rb = cb.nextResult();
    const ra = await ca.challenge('sdk-b', 'ipd', { turns: 4 });
    assert.deepEqual(ra.result.returns, [20, 0]);
    assert.equal((await rb).matchId, ra.matchId);
    assert.deepEqual(offers, ['sdk-a']);
    assert.deepEqual(seenByB.splice(0), ['object', 'object', 'object', 'object']);
    // The second offer is accepted in text mode for that match: the policy gets the text view.
    const rb2 = cb.nextResult();
    await ca.challenge('sdk-b', 'ipd', { turns: 2 });
    await rb2;
    assert.deepEqual(seenByB.splice(0), ['string', 'string'], 'accepted with { observation: "text" }');
    await Promise.all([ca.close(), cb.close()]);
  });

  it('when the connection drops mid-match the SDK reconnects with backoff and finishes the match', async () => {
    const { token } = s.store.add('sdk-flaky');
    let dropped = false;
    let client: ArenaClient;
    client = new ArenaClient({
      url: s.botUrl,
      token,
      reconnect: { initialMs: 20 },
      policy: (_obs, info) => {
        if (info.step === 3 && !dropped) {
          dropped = true;
          (client as unknown as { ws: { terminate(): void } }).ws.terminate();
          return new Promise(() => {}); // this answer is lost with the connection
        }
        return 'C';
      },
    });
    await client.connect();
    const r = await client.challenge('grim', 'ipd', { turns: 8 });
    assert.ok(dropped);
    assert.equal(r.outcome, 'normal');
    assert.equal(r.steps, 8);
    assert.deepEqual(r.result.returns, [24, 24]);
    await client.close();
  });

  it('`ludus bot` connects a built-in agent from its own process and plays N matches', async () => {
    const out = await cliGood;
    assert.equal(out.code, 0, out.stderr);
    const lines = out.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    assert.equal(lines.length, 2);
    for (const r of lines) {
      assert.equal(r.outcome, 'normal');
      assert.deepEqual(r.result.returns, [5 + 4, 0 + 4], 'ALLD exploits TFT once, then mutual defection');
    }
  });

  it('`ludus bot` with a bad token exits 2 with one line on stderr', async () => {
    const out = await cliBadToken;
    assert.equal(out.code, 2);
    assert.match(out.stderr, /UNAUTHORIZED/);
  });

  it('`ludus bot` whose seek the arena refuses (a game the agent is not registered for) exits 2 in one line, not hanging', async () => {
    const out = await cliRefusedSeek;
    assert.equal(out.code, 2, out.stderr);
    const lines = out.stderr
      .trim()
      .split('\n')
      .filter((l) => l.startsWith('ludus:'));
    assert.equal(lines.length, 1, out.stderr);
    assert.match(lines[0]!, /UNKNOWN_GAME|registered for ipd, not vgc/);
  });
});
