/**
 * Where a checkpoint agent came from: its training metadata (written by `ludus train` and
 * `ludus league`, agents/train/session.ts and league.ts), its lineage (the chain of `parent`
 * snapshots, oldest first) and its evaluation scores along that lineage, one chart series per
 * opponent. The reading is defensive: `training` is free JSON, and a lineage may name a parent the
 * arena never received, or (hand-made records) loop.
 */
import type { CheckpointSummary } from './api.ts';
import type { ChartSeries } from './chart.ts';
import { seriesChart } from './chart.ts';
import { fmt, h, link } from './dom.ts';

export interface EvalScore {
  opponent: string;
  score: number;
  low?: number;
  high?: number;
  matches?: number;
}

export interface TrainingMeta {
  algo?: string;
  role?: string;
  seed?: number;
  iterations?: number;
  envSteps?: number;
  seconds?: number;
  /** League snapshots: the learning player the snapshot belongs to. */
  player?: string;
  hyper?: unknown;
  /** Evaluation against fixed opponents when the snapshot was taken. */
  eval: EvalScore[];
  /** League snapshots: an evaluation against the main agent. */
  vsMain?: EvalScore;
}

const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const str = (v: unknown): string | undefined =>
  typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined;

function readScore(v: unknown): EvalScore | null {
  if (!v || typeof v !== 'object') return null;
  const o = v as Record<string, unknown>;
  const opponent = str(o.opponent);
  const score = num(o.score);
  if (opponent === undefined || score === undefined) return null;
  const low = num(o.low);
  const high = num(o.high);
  const matches = num(o.matches);
  return {
    opponent,
    score,
    ...(low !== undefined ? { low } : {}),
    ...(high !== undefined ? { high } : {}),
    ...(matches !== undefined ? { matches } : {}),
  };
}

export function readTraining(raw: unknown): TrainingMeta {
  const o = raw && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {};
  const vsMain = readScore(o.vsMain);
  return {
    algo: str(o.algo),
    role: str(o.role),
    seed: num(o.seed),
    iterations: num(o.iterations),
    envSteps: num(o.envSteps),
    seconds: num(o.seconds),
    player: str(o.player),
    hyper: o.hyper,
    eval: Array.isArray(o.eval) ? o.eval.map(readScore).filter((e): e is EvalScore => e !== null) : [],
    ...(vsMain ? { vsMain } : {}),
  };
}

export interface Lineage {
  /** Oldest ancestor first, the checkpoint itself last. */
  chain: CheckpointSummary[];
  /** The id of a parent that is not in the list (the walk stops there). */
  missing?: string;
  /** The id at which the walk came back to a checkpoint already seen (the walk stops there). */
  cycle?: string;
}

/** Walk `parent` from `self` through `list`, guarding against cycles and parents the arena does not have. */
export function lineage(self: CheckpointSummary, list: readonly CheckpointSummary[]): Lineage {
  const byId = new Map(list.map((c) => [c.id, c]));
  const chain = [self];
  const seen = new Set([self.id]);
  let next = self.parent;
  const out: Lineage = { chain };
  while (next !== null && next !== undefined && next !== '') {
    if (seen.has(next)) {
      out.cycle = next;
      break;
    }
    const c = byId.get(next);
    if (!c) {
      out.missing = next;
      break;
    }
    seen.add(next);
    chain.push(c);
    next = c.parent;
  }
  chain.reverse();
  return out;
}

/**
 * Env steps along the lineage: each run's counter starts again at 0 when it resumes from a
 * checkpoint, so when a snapshot has fewer steps than its parent the parent's total is carried
 * over. Snapshots without a step count get `undefined`.
 */
export function lineageSteps(chain: readonly CheckpointSummary[]): (number | undefined)[] {
  let offset = 0;
  let prev: number | undefined;
  return chain.map((c) => {
    const s = readTraining(c.training).envSteps;
    if (s === undefined) return undefined;
    if (prev !== undefined && s < prev) offset += prev;
    prev = s;
    return offset + s;
  });
}

const VS_MAIN = ' (vs main)';

/** One series per evaluation opponent (first seen first): score against env steps along the lineage. */
export function evalSeries(chain: readonly CheckpointSummary[]): ChartSeries[] {
  const steps = lineageSteps(chain);
  const series = new Map<
    string,
    { name: string; points: { x: number; y: number; low?: number; high?: number; label: string }[] }
  >();
  chain.forEach((c, i) => {
    const x = steps[i];
    if (x === undefined) return;
    const t = readTraining(c.training);
    const scores = t.eval
      .map((e) => ({ e, name: e.opponent }))
      .concat(t.vsMain ? [{ e: t.vsMain, name: t.vsMain.opponent + VS_MAIN }] : []);
    for (const { e, name } of scores) {
      let s = series.get(name);
      if (!s) series.set(name, (s = { name, points: [] }));
      const interval =
        e.low !== undefined && e.high !== undefined ? ` (95% interval ${fmt(e.low, 2)}–${fmt(e.high, 2)})` : '';
      const matches = e.matches !== undefined ? `, ${e.matches} matches` : '';
      s.points.push({
        x,
        y: e.score,
        ...(e.low !== undefined && e.high !== undefined ? { low: e.low, high: e.high } : {}),
        label: `${name} — ${c.name} at ${steps[i]!.toLocaleString('en')} env steps: score ${fmt(e.score, 2)}${interval}${matches}`,
      });
    }
  });
  return [...series.values()];
}

function fact(field: string, name: string, value: string | null | undefined): HTMLElement | null {
  return value === undefined || value === null
    ? null
    : h('tr', { 'data-field': field }, h('th', null, name), h('td', null, value));
}

const count = (n: number | undefined) => (n === undefined ? undefined : n.toLocaleString('en'));

/** The "Training" section of a checkpoint agent's page. `list` holds the checkpoints of its game. */
export function trainingSection(
  agentId: string,
  ref: string | undefined,
  list: readonly CheckpointSummary[],
): HTMLElement {
  const self = list.find((c) => c.agentId === agentId) ?? list.find((c) => c.id === ref);
  if (!self)
    return h(
      'section',
      { class: 'training' },
      h('h2', null, 'Training'),
      h('p', { class: 'muted' }, `The checkpoint record${ref ? ` ${ref}` : ''} is not listed by the arena.`),
    );
  const t = readTraining(self.training);
  const line = lineage(self, list);
  const steps = lineageSteps(line.chain);
  const total = steps[steps.length - 1];
  const series = evalSeries(line.chain);
  const points = series.reduce((n, s) => n + s.points.length, 0);
  return h(
    'section',
    { class: 'training' },
    h('h2', null, 'Training'),
    h(
      'table',
      { class: 'table kv training-facts' },
      h(
        'tbody',
        null,
        fact('checkpoint', 'checkpoint', self.id),
        fact('algo', 'algorithm', t.algo),
        fact('role', 'role', t.role),
        fact('player', 'league player', t.player),
        fact('seed', 'seed', t.seed === undefined ? undefined : String(t.seed)),
        fact('iterations', 'iterations', count(t.iterations)),
        fact(
          'envSteps',
          'env steps',
          t.envSteps === undefined
            ? undefined
            : `${count(t.envSteps)}${total !== undefined && total !== t.envSteps ? ` (${count(total)} along the lineage)` : ''}`,
        ),
        fact('seconds', 'training seconds', t.seconds === undefined ? undefined : fmt(t.seconds, 1)),
        fact('createdAt', 'snapshot taken', new Date(self.createdAt).toISOString().slice(0, 19).replace('T', ' ')),
      ),
    ),
    t.hyper !== undefined
      ? h(
          'details',
          { class: 'hyper' },
          h('summary', null, 'hyperparameters'),
          h('pre', null, JSON.stringify(t.hyper, null, 2)),
        )
      : null,
    h('h3', null, 'Lineage'),
    h(
      'ol',
      { class: 'lineage' },
      line.missing
        ? h('li', { class: 'missing' }, line.missing, h('span', { class: 'muted' }, ' (not in the arena)'))
        : null,
      line.cycle
        ? h('li', { class: 'cycle' }, h('span', { class: 'muted' }, `… (parent ${line.cycle} loops back)`))
        : null,
      line.chain.map((c) =>
        c === self
          ? h('li', { class: 'self' }, h('b', null, c.name), h('span', { class: 'muted' }, ' (this agent)'))
          : h('li', null, link(`#/agents/${encodeURIComponent(c.agentId)}`, c.name)),
      ),
    ),
    line.chain.length === 1 && !line.missing && !line.cycle
      ? h('p', { class: 'muted' }, 'The first snapshot of its run: no parent.')
      : null,
    h('h3', null, 'Score during training'),
    points === 0
      ? h('p', { class: 'muted no-eval' }, 'No evaluation scores were recorded for this checkpoint or its ancestors.')
      : h(
          'div',
          { class: 'chart-box score-chart' },
          seriesChart(series, {
            xLabel: 'env steps',
            yLabel: 'score during training',
            yMin: 0,
            yMax: 1,
            xMin: 0,
            baseline: 0.5,
            legend: true,
          }),
          h(
            'p',
            { class: 'muted small' },
            'Score 0–1 (wins + ½ draws) against each evaluation opponent at each snapshot; the whiskers are 95% intervals (hover a point).',
          ),
        ),
  );
}
