/**
 * Public goods as contribution bars: one group per round, one bar per seat (height = contribution
 * / endowment, seat colours), with the round's average as a line across the group. The round in
 * progress shows the contributions seen so far (sequential game: in move order).
 */
import type { PublicGoodsView } from '../../games/public-goods/view.ts';
import { fmt, h, replace, seatColour, svg } from './dom.ts';
import type { Frame, MatchView } from './view.ts';

const HEIGHT = 180;
const BAR = 10;
const GAP = 10;

export function publicGoodsView(labels: readonly string[]): MatchView {
  const el = h('div', { class: 'view view-public-goods' });
  return {
    el,
    show(history: readonly Frame[]) {
      const v = history[history.length - 1]?.observation as PublicGoodsView | undefined;
      if (!v) return;
      const rounds: { contributions: (number | null)[]; current: boolean }[] = v.history.map((r) => ({
        contributions: r.contributions,
        current: false,
      }));
      if (v.stage !== 'over' && v.current.some((c) => c !== null))
        rounds.push({ contributions: v.current, current: true });
      const n = v.players;
      const groupW = n * BAR + GAP;
      const width = Math.max(240, 40 + rounds.length * groupW);
      const y = (c: number) => HEIGHT - 20 - (c / v.endowment) * (HEIGHT - 40);
      const chart = svg('svg', {
        width,
        height: HEIGHT,
        class: 'pg-chart',
        role: 'img',
        'aria-label': 'contributions per round',
      });
      chart.append(svg('line', { x1: 30, x2: width, y1: y(0), y2: y(0), class: 'axis' }));
      chart.append(svg('line', { x1: 30, x2: width, y1: y(v.endowment), y2: y(v.endowment), class: 'gridline' }));
      chart.append(svg('text', { x: 2, y: y(v.endowment) + 4, class: 'tick' }, fmt(v.endowment)));
      chart.append(svg('text', { x: 2, y: y(0) + 4, class: 'tick' }, '0'));
      rounds.forEach((r, i) => {
        const x0 = 34 + i * groupW;
        let sum = 0;
        let seen = 0;
        r.contributions.forEach((c, s) => {
          if (c === null) return;
          sum += c;
          seen++;
          const rect = svg('rect', {
            x: x0 + s * BAR,
            y: y(c),
            width: BAR - 1,
            height: Math.max(0, y(0) - y(c)),
            fill: seatColour(s),
            opacity: r.current ? 0.55 : 1,
          });
          rect.append(svg('title', {}, `round ${i + 1}, ${labels[s] ?? `seat ${s}`}: ${fmt(c, 2)}`));
          chart.append(rect);
        });
        if (seen > 0)
          chart.append(
            svg('line', { x1: x0 - 2, x2: x0 + n * BAR + 1, y1: y(sum / seen), y2: y(sum / seen), class: 'avg' }),
          );
        if (rounds.length <= 30 || i % 5 === 4)
          chart.append(
            svg(
              'text',
              { x: x0 + (n * BAR) / 2, y: HEIGHT - 4, class: 'tick', 'text-anchor': 'middle' },
              String(i + 1),
            ),
          );
      });
      const last = v.history[v.history.length - 1];
      const avg = last ? last.contributions.reduce((a, b) => a + b, 0) / n : null;
      replace(
        el,
        h('div', { class: 'grid-scroll' }, chart),
        h(
          'div',
          { class: 'legend' },
          Array.from({ length: n }, (_, s) =>
            h(
              'span',
              null,
              h('i', { class: 'swatch', style: { background: seatColour(s) } }),
              ` ${labels[s] ?? `seat ${s}`} `,
            ),
          ),
        ),
        h(
          'div',
          { class: 'muted' },
          `round ${Math.min(v.round + 1, v.rounds)} of ${v.rounds}${v.probEnd !== null ? ' (cap)' : ''} · endowment ${fmt(v.endowment)} · MPCR ${v.mpcr}`,
          avg !== null ? ` · last round average ${fmt(avg, 2)}` : '',
          v.stage === 'over' ? ' · over' : v.stage === 'punish' ? ' · punishment stage' : '',
        ),
      );
    },
  };
}
