/**
 * "Why this rank": an agent's payoff against the top opponents of its game, drawn as a heat map
 * (GET /api/leaderboard/:game/agents/:agent). Row i, column j is agent i's mean score against
 * agent j: green above ½, red below, white at ½. A cell with results shows the observed mean and
 * the number of results; a pair that never met shows the Bradley–Terry prediction in italics and
 * a lighter colour. Every cell's tooltip gives the prediction with its 95 % interval.
 */
import type { AgentPayoffView } from './api.ts';
import { fmt, h, link } from './dom.ts';

/** Colour of a score in [0, 1]: red (0) → white (½) → green (1); `faint` mixes it halfway to white. */
export function scoreColour(score: number, faint = false): string {
  const t = Math.max(-1, Math.min(1, (score - 0.5) * 2));
  const [r, g, b] =
    t >= 0 ? [255 - 170 * t, 255 - 60 * t, 255 - 170 * t] : [255 + 20 * t, 255 + 170 * t, 255 + 170 * t];
  const mix = (x: number) => Math.round(faint ? (x + 255) / 2 : x);
  return `rgb(${mix(r)}, ${mix(g)}, ${mix(b)})`;
}

export function payoffHeatmap(v: AgentPayoffView, href: (agentId: string) => string): HTMLElement {
  const names = v.agents.map((a) => a.name);
  return h(
    'table',
    { class: 'heatmap' },
    h(
      'thead',
      null,
      h(
        'tr',
        null,
        h('th', null, ''),
        v.agents.map((a) => h('th', { scope: 'col', title: `#${a.rank}, Elo ${fmt(a.elo, 0)}` }, a.name)),
      ),
    ),
    h(
      'tbody',
      null,
      v.cells.map((row, i) =>
        h(
          'tr',
          { class: i === 0 ? 'focus' : undefined },
          h(
            'th',
            { scope: 'row' },
            link(href(v.agents[i]!.agentId), names[i]!),
            h('span', { class: 'muted' }, ` #${v.agents[i]!.rank}`),
          ),
          row.map((c, j) => {
            if (i === j) return h('td', { class: 'self' }, '');
            const tip = `${names[i]} vs ${names[j]}: ${c.score === null ? 'never met' : `observed ${fmt(c.score, 3)} over ${c.results} result${c.results === 1 ? '' : 's'}`}; predicted ${fmt(c.predicted, 3)} [${fmt(c.predictedLow, 3)}, ${fmt(c.predictedHigh, 3)}]`;
            return c.score === null
              ? h(
                  'td',
                  {
                    class: 'cell predicted',
                    title: tip,
                    style: { background: scoreColour(c.predicted, true) },
                    dataset: { score: String(c.predicted) },
                  },
                  h('i', null, fmt(c.predicted, 2)),
                  h('span', { class: 'n' }, 'pred.'),
                )
              : h(
                  'td',
                  {
                    class: 'cell observed',
                    title: tip,
                    style: { background: scoreColour(c.score) },
                    dataset: { score: String(c.score) },
                  },
                  fmt(c.score, 2),
                  h('span', { class: 'n' }, `n ${c.results}`),
                );
          }),
        ),
      ),
    ),
  );
}
