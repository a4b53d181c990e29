/**
 * Trust-and-Split as a table of rounds: per seat its hand, its coin value, its claim, the coins it
 * received and its points, one row per finished round, then the current round with only the hands the
 * viewer may see (a seat sees its own; the others show "?"). Under it the messages of the current round
 * and of the last few rounds, and the totals.
 */
import type { TrustSplitObservation } from '../../games/trust-and-split/observe.ts';
import { fmt, h, replace, score, seatTextColour } from './dom.ts';
import type { Frame, MatchView } from './view.ts';

const SHOWN_CHAT_ROUNDS = 3;
/** A hand in words (emoji hands are missing from common fonts), or "?" when it is hidden. */
export const handLabel = (hand: string | null | undefined) => hand ?? '?';

export function trustAndSplitView(labels: readonly string[]): MatchView {
  const el = h('div', { class: 'view view-trust-and-split' });
  const name = (s: number) => labels[s] ?? `seat ${s}`;
  return {
    el,
    show(history: readonly Frame[]) {
      const o = history[history.length - 1]?.observation as TrustSplitObservation | undefined;
      if (!o) return;
      const seatCells = (s: number, cells: (string | HTMLElement)[]) =>
        cells.map((c, i) => h('td', { class: i === 0 ? 'seat-first' : '', style: { color: seatTextColour(s) } }, c));
      const rows = o.history.map((r, t) =>
        h(
          'tr',
          null,
          h('th', { scope: 'row' }, String(t + 1)),
          [0, 1].map((s) =>
            seatCells(s, [
              handLabel(r.hands[s]),
              fmt(r.values[s], 2),
              String(r.claims[s]),
              fmt(r.coins[s], 2),
              fmt(r.points[s], 2),
            ]),
          ),
        ),
      );
      if (o.phase !== 'over')
        rows.push(
          h(
            'tr',
            { class: 'current' },
            h('th', { scope: 'row' }, String(o.round + 1)),
            [0, 1].map((s) => seatCells(s, [handLabel(s === o.seat ? o.myHand : null), '?', '', '', ''])),
          ),
        );
      const head = h(
        'thead',
        null,
        h(
          'tr',
          null,
          h('th', null, ''),
          [0, 1].map((s) => h('th', { colspan: 5, style: { color: seatTextColour(s) } }, name(s))),
        ),
        h(
          'tr',
          null,
          h('th', null, 'round'),
          [0, 1].map(() => ['hand', 'value', 'claim', 'coins', 'points'].map((x) => h('th', null, x))),
        ),
      );
      const chat: HTMLElement[] = [];
      const line = (round: number, seat: number, text: string) =>
        h(
          'li',
          null,
          h('span', { class: 'muted' }, `round ${round}, `),
          h('b', { style: { color: seatTextColour(seat) } }, seat === o.seat ? 'you' : name(seat)),
          `: ${text === '' ? '(nothing)' : text}`,
        );
      for (let t = Math.max(0, o.history.length - SHOWN_CHAT_ROUNDS); t < o.history.length; t++)
        for (const m of o.history[t]!.chat) chat.push(line(t + 1, m.seat, m.text));
      for (const m of o.chat) chat.push(line(o.round + 1, m.seat, m.text));
      const scroller = h(
        'div',
        { class: 'grid-scroll', tabindex: 0, role: 'region', 'aria-label': 'rounds so far' },
        h('table', { class: 'split-table' }, head, h('tbody', null, rows)),
      );
      replace(
        el,
        o.myHand ? h('p', { class: 'my-hand' }, `Your hand this round: ${handLabel(o.myHand)}`) : null,
        scroller,
        chat.length ? h('ul', { class: 'talk-log small', 'aria-label': 'messages' }, chat) : null,
        h(
          'div',
          { class: 'totals' },
          [0, 1].map((s) =>
            h('span', { class: 'total', style: { color: seatTextColour(s) } }, `${name(s)}: ${score(o.scores[s])}`),
          ),
          h(
            'span',
            { class: 'muted' },
            o.phase === 'over'
              ? `all ${o.rounds} rounds played`
              : `round ${o.round + 1} / ${o.rounds} · ${o.phase === 'talk' ? 'talk' : 'claims'} · ${o.coins} coins, values ${fmt(o.highValue, 2)} and ${fmt(o.lowValue, 2)}`,
          ),
        ),
      );
    },
  };
}
