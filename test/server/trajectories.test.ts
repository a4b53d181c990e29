/**
 * Trajectory export (server/api/replay-export.ts) and `ludus trajectories`: a match cut short by a
 * forfeit is exported as truncated (not terminated) on each seat's last line, with its reason and
 * outcome and the seat's view of the final state; a match played to its end as terminated; the
 * rewards sum to the stored returns either way. The CLI prints the same lines from a replay file.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { Match } from '../../games/core/match.ts';
import { getGame } from '../../games/index.ts';
import { toJsonl, trajectories, type TrajectoryLine } from '../../server/api/replay-export.ts';

const game = getGame('ipd');

/** Play `steps` steps of a 10-turn ipd (seat 0 cooperates, seat 1 defects); then seat 1 forfeits on time if `forfeit`. */
function played(steps: number, forfeit: boolean) {
  const m = new Match(game, { turns: 10 }, 7);
  for (let i = 0; i < steps && !m.over; i++) {
    m.submit(0, 'C');
    m.submit(1, 'D');
    m.advance();
  }
  if (forfeit) m.fault(1, 'timeout');
  const rec = m.finish();
  return {
    game: 'ipd',
    config: rec.replay.config,
    seed: 7,
    actions: rec.replay.actions,
    outcome: rec.outcome,
    result: rec.result,
    ...(rec.faultSeat !== undefined ? { faultSeat: rec.faultSeat } : {}),
  };
}

function seatLines(lines: TrajectoryLine[], seat: number) {
  return lines.filter((l) => l.seat === seat);
}

describe('trajectory export: terminated vs truncated', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ludus-traj-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('a match cut short by a forfeit: each seat’s last line is truncated, with reason, outcome and the final view', () => {
    const rep = played(4, true);
    assert.equal(rep.outcome, 'timeout-forfeit');
    const lines = trajectories(game, rep);
    assert.equal(lines.length, 8);
    for (const seat of [0, 1]) {
      const mine = seatLines(lines, seat);
      const last = mine.at(-1)!;
      assert.equal(last.step, 3);
      assert.equal(last.truncated, true);
      assert.equal(last.terminated, false);
      assert.equal(last.reason, 'timeout');
      assert.equal(last.outcome, 'timeout-forfeit');
      assert.equal(last.nextVector!.length, game.obsSize(game.configSchema.parse({ turns: 10 })));
      assert.equal(
        (last.nextObs as { turn: number }).turn,
        4,
        'the final view is the state after the last played step',
      );
      assert.ok(
        mine.slice(0, -1).every((l) => !l.terminated && !l.truncated && l.reason === null && l.outcome === null),
      );
      // the rewards of the steps played are all there (not zeroed) and sum to the stored return
      const sum = mine.reduce((s, l) => s + l.reward, 0);
      assert.equal(sum, rep.result.returns[seat]);
      assert.equal(sum, seat === 0 ? 0 : 20);
    }
  });

  it('a match played to its end: the last lines are terminated with the game’s reason', () => {
    const rep = played(10, false);
    const lines = trajectories(game, rep, { vectorsOnly: true });
    for (const seat of [0, 1]) {
      const last = seatLines(lines, seat).at(-1)!;
      assert.deepEqual([last.terminated, last.truncated, last.reason, last.outcome], [true, false, 'turns', 'normal']);
      assert.equal(last.nextObs, undefined);
      assert.equal(last.nextVector!.length, last.vector.length);
    }
  });

  it('a match cut at step 0 has no line; a replay without its ending still says truncated, with a null reason', () => {
    assert.deepEqual(trajectories(game, played(0, true)), []);
    const { outcome: _o, result: _r, faultSeat: _f, ...bare } = played(3, true);
    const last = trajectories(game, bare).at(-1)!;
    assert.deepEqual([last.terminated, last.truncated, last.reason, last.outcome], [false, true, null, null]);
  });

  it('`ludus trajectories <replay file>` prints the same JSONL', async () => {
    const rep = played(4, true);
    const file = join(dir, 'forfeit.json');
    writeFileSync(file, JSON.stringify(rep));
    const out = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      const p = spawn(process.execPath, ['bin/ludus.js', 'trajectories', file, '--seat', '1'], {
        cwd: new URL('../..', import.meta.url).pathname,
      });
      let stdout = '';
      let stderr = '';
      p.stdout.on('data', (d) => (stdout += d));
      p.stderr.on('data', (d) => (stderr += d));
      p.on('close', (code) => resolve({ code, stdout, stderr }));
    });
    assert.equal(out.code, 0, out.stderr);
    assert.equal(out.stdout, toJsonl(trajectories(game, rep, { seat: 1 })));
    assert.match(out.stdout.trim().split('\n').at(-1)!, /"truncated":true/);
  });
});
