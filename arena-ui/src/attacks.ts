/**
 * The agent page's "Attacks on this agent" section: every evaluation whose victim it is (status,
 * budget, the adversary's final score with its 95 % interval), their curves — the adversary's score
 * against the agent over the attack's env steps — and "exploited by": the exploiter agents that the
 * finished attacks registered on the ladder.
 */
import type { Evaluation } from './api.ts';
import { seriesChart } from './chart.ts';
import { ago, fmt, h, link } from './dom.ts';
import { exploitabilityCell } from './exploitability.ts';

function budgetText(b: Evaluation['budget']): string {
  if ('envSteps' in b) return `${b.envSteps.toLocaleString('en-US')} steps`;
  if ('iterations' in b) return `${b.iterations} it`;
  if ('minutes' in b) return `${b.minutes} min`;
  return `${b.matches} matches`;
}

function finalScore(e: Evaluation): string {
  const r = e.result as {
    final?: { score?: { estimate: number; low: number; high: number } };
    score?: { estimate: number; low: number; high: number };
  } | null;
  const s = r?.final?.score ?? r?.score;
  return s ? `${fmt(s.estimate, 3)} [${fmt(s.low, 2)}, ${fmt(s.high, 2)}]` : '—';
}

function status(e: Evaluation): string {
  if (e.status === 'running') return `running ${Math.round((e.progress?.fraction ?? 0) * 100)} %`;
  if (e.status === 'failed') return `failed: ${e.error ?? ''}`;
  return e.status;
}

export function attacksSection(list: readonly Evaluation[]): HTMLElement | null {
  if (list.length === 0) return null;
  const exploiters = new Map<string, Evaluation>();
  for (const e of list) if (e.status === 'finished' && e.exploiter) exploiters.set(e.exploiter.id, e);
  const withCurves = list.filter((e) => e.curve.length > 0);
  return h(
    'section',
    { class: 'attacks', id: 'attacks' },
    h('h2', null, 'Attacks on this agent'),
    exploiters.size
      ? h(
          'p',
          { class: 'exploited-by' },
          'Exploited by ',
          [...exploiters.values()].flatMap((e, i) => [
            i ? ', ' : '',
            link(
              `#/agents/${encodeURIComponent(e.exploiter!.id)}?game=${encodeURIComponent(e.game)}`,
              e.exploiter!.name,
            ),
          ]),
          '.',
        )
      : null,
    h(
      'table',
      { class: 'table attacks-table' },
      h(
        'thead',
        null,
        h(
          'tr',
          null,
          h('th', null, 'Game'),
          h('th', null, 'Budget'),
          h('th', null, 'Status'),
          h(
            'th',
            { class: 'num', title: "the adversary's score against this agent, re-measured on fresh seeds" },
            'Final score [95 %]',
          ),
          h('th', { class: 'num' }, 'Exploitability'),
          h('th', null, 'Exploiter'),
          h('th', null, 'Queued'),
        ),
      ),
      h(
        'tbody',
        null,
        list.map((e) =>
          h(
            'tr',
            { class: `attack-row attack-${e.status}`, dataset: { evaluation: e.id } },
            h('td', null, e.game),
            h('td', null, budgetText(e.budget)),
            h('td', null, status(e)),
            h('td', { class: 'num' }, finalScore(e)),
            exploitabilityCell(e.exploitability, e.game),
            h(
              'td',
              null,
              e.exploiter
                ? link(
                    `#/agents/${encodeURIComponent(e.exploiter.id)}?game=${encodeURIComponent(e.game)}`,
                    e.exploiter.name,
                  )
                : '—',
            ),
            h('td', null, ago(e.createdAt)),
          ),
        ),
      ),
    ),
    withCurves.length
      ? h(
          'div',
          { class: 'chart-box attack-curves' },
          seriesChart(
            withCurves.map((e) => ({
              name: `${e.game} · ${budgetText(e.budget)} · ${e.id}`,
              points: e.curve.map((p) => ({
                x: p.envSteps,
                y: p.score.estimate,
                low: p.score.low,
                high: p.score.high,
                label: `${p.envSteps} env steps: score ${fmt(p.score.estimate, 3)} [${fmt(p.score.low, 2)}, ${fmt(p.score.high, 2)}]`,
              })),
            })),
            { xLabel: 'adversary env steps', yLabel: 'adversary score', yMin: 0, yMax: 1, baseline: 0.5 },
          ),
        )
      : null,
  );
}
