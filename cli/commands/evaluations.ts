/**
 * `ludus evaluations queue|list|show --url …`: adversarial evaluations on a running arena, through
 * its HTTP API (docs/api.md § evaluations; server/evaluation/). `queue` takes the admin token
 * (`--token` or LUDUS_ADMIN_TOKEN) or the victim's own token (LUDUS_TOKEN); `list` and `show` are
 * public. `show --wait` polls until the job is finished or failed, drawing its curve.
 */
import type { Command } from 'commander';
import { sparkline } from '../../agents/train/curves.ts';
import { guard, parseNumber, printJson, table, UsageError } from '../output.ts';
import { api, remote } from './tournament-remote.ts';

function budgetText(b: any): string {
  if ('envSteps' in b) return `${b.envSteps} env steps`;
  if ('iterations' in b) return `${b.iterations} it`;
  if ('minutes' in b) return `${b.minutes} min`;
  return `${b.matches} matches`;
}

function scoreText(e: any): string {
  const s = e.result?.final?.score ?? e.result?.score;
  return s ? `${s.estimate.toFixed(3)} [${s.low.toFixed(3)}, ${s.high.toFixed(3)}]` : '';
}

function exploitabilityText(x: any): string {
  if (!x) return '';
  return x.kind === 'exact'
    ? `${x.value.toFixed(3)} exact`
    : `≥ ${x.value.toFixed(3)} [${x.low.toFixed(3)}, ${x.high.toFixed(3)}] attack (${x.unit})`;
}

function status(e: any): string {
  if (e.status === 'running') return `running ${Math.round((e.progress?.fraction ?? 0) * 100)}%`;
  return e.status === 'failed' ? `failed: ${e.error}` : e.status;
}

function printOne(e: any): void {
  const lines = [
    `${e.id}: ${e.game}, victim ${e.victim.name} (${e.victim.kind}), ${e.mode}, budget ${budgetText(e.budget)}, seed ${e.seed}`,
    `status ${status(e)}; attempt ${e.attempt}${e.snapshotAt ? `; last snapshot ${e.snapshotAt}` : ''}`,
  ];
  if (e.curve.length)
    lines.push(
      `curve (adversary score vs env steps): ${sparkline(e.curve.map((p: any) => p.score.estimate))} ${e.curve
        .map((p: any) => `${p.envSteps}:${p.score.estimate.toFixed(2)}`)
        .join(' ')}`,
    );
  if (e.status === 'finished') {
    lines.push(`final score ${scoreText(e)}; exploitability ${exploitabilityText(e.exploitability) || '—'}`);
    if (e.exploiter) lines.push(`exploiter ${e.exploiter.name} (${e.exploiter.id}) plays on the ladder`);
  }
  process.stdout.write(lines.join('\n') + '\n');
}

export function registerEvaluations(program: Command): void {
  const parent = program
    .command('evaluations')
    .description('adversarial evaluations on a running arena: queue an attack on an agent, list, show');

  remote(
    parent
      .command('queue')
      .description("queue an attack (admin token, or the victim's own token)")
      .requiredOption('--game <id>', 'game id')
      .requiredOption('--victim <agent>', 'agent id or name')
      .requiredOption(
        '--budget <budget>',
        'env steps (200k), iterations (50it) or minutes (5min); with --adversary: matches (20matches)',
      )
      .option('--adversary <checkpoint>', 'an already-trained adversary (checkpoint id or agent) that plays the victim')
      .option('--seed <n>', 'seed')
      .option('--eval-matches <n>', 'matches per point of the curve')
      .option('--eval-points <n>', 'points of the curve')
      .option('--final-matches <n>', 'matches of the final measurement'),
  ).action((o) =>
    guard(async () => {
      const int = (name: string, v: string | undefined) =>
        v === undefined ? undefined : parseNumber(name, v, { min: 0, integer: true });
      const body = {
        game: o.game,
        victim: o.victim,
        budget: o.budget,
        ...(o.adversary ? { adversary: o.adversary } : {}),
        ...(o.seed !== undefined ? { seed: int('seed', o.seed) } : {}),
        ...(o.evalMatches !== undefined ? { evalMatches: int('eval-matches', o.evalMatches) } : {}),
        ...(o.evalPoints !== undefined ? { evalPoints: int('eval-points', o.evalPoints) } : {}),
        ...(o.finalMatches !== undefined ? { finalMatches: int('final-matches', o.finalMatches) } : {}),
      };
      const e = await api(o, 'POST', '/evaluations', body);
      if (o.json) return printJson(e);
      process.stdout.write(`queued ${e.id} (${e.mode}); follow it with: ludus evaluations show ${e.id} --wait\n`);
    }),
  );

  remote(
    parent
      .command('list')
      .description('evaluations, newest first')
      .option('--victim <agent>', 'only the attacks on this agent (id or name)')
      .option('--game <id>', 'only this game')
      .option('--status <s>', 'queued, running, finished or failed'),
  ).action((o) =>
    guard(async () => {
      const q = new URLSearchParams({ limit: '100' });
      for (const k of ['victim', 'game', 'status'] as const) if (o[k]) q.set(k, o[k]);
      const r = await api(o, 'GET', `/evaluations?${q}`);
      if (o.json) return printJson(r);
      if (r.items.length === 0) return void process.stdout.write('no evaluations\n');
      process.stdout.write(
        table(
          ['id', 'game', 'victim', 'budget', 'status', 'final score [95 %]', 'exploitability', 'exploiter'],
          r.items.map((e: any) => [
            e.id,
            e.game,
            e.victim.name,
            budgetText(e.budget),
            status(e),
            scoreText(e),
            exploitabilityText(e.exploitability),
            e.exploiter?.name ?? '',
          ]),
        ) + '\n',
      );
    }),
  );

  remote(
    parent
      .command('show <id>')
      .description('status, progress, curve and result of one evaluation')
      .option('--wait', 'poll until it is finished or failed')
      .option('--every <s>', 'seconds between polls with --wait', '2'),
  ).action((id: string, o) =>
    guard(async () => {
      const every = parseNumber('every', o.every, { min: 0.1 }) * 1000;
      let e = await api(o, 'GET', `/evaluations/${encodeURIComponent(id)}`);
      while (o.wait && (e.status === 'queued' || e.status === 'running')) {
        if (!o.json) process.stderr.write(`\r${status(e)}   `);
        await new Promise((r) => setTimeout(r, every));
        e = await api(o, 'GET', `/evaluations/${encodeURIComponent(id)}`);
      }
      if (o.wait && !o.json) process.stderr.write('\n');
      if (o.json) return printJson(e);
      printOne(e);
      if (o.wait && e.status === 'failed') throw new UsageError(`evaluation ${e.id} failed: ${e.error}`);
    }),
  );
}
