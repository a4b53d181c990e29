/**
 * Iterated 2×2 dilemmas as a move grid: one row per seat, one column per turn, C in green and D
 * in red (with the game's own words in the legend), and a row of running scores computed from
 * the payoff table in the observation. The totals come from the observation itself. The grid scrolls
 * sideways inside its own box (kept at the latest turn), so a long match never widens the page; with
 * cheap talk the messages of the last turns are listed under it.
 */
import type { DilemmaObservation } from '../../games/dilemmas/observe.ts';
import type { Payoffs } from '../../games/dilemmas/config.ts';
import { MOVE_WORDS } from '../../games/dilemmas/text.ts';
import { fmt, h, replace, score, seatColour, seatTextColour } from './dom.ts';
import type { Frame, MatchView } from './view.ts';

/** A seat's payoff for one turn: R (both C), S (it C, other D), T (it D, other C), P (both D). */
function payoff(p: Payoffs, mine: string, theirs: string): number {
  if (mine === 'C') return theirs === 'C' ? p.R : p.S;
  return theirs === 'C' ? p.T : p.P;
}

export function dilemmaView(labels: readonly string[]): MatchView {
  const el = h('div', { class: 'view view-dilemma' });
  return {
    el,
    show(history: readonly Frame[]) {
      const obs = history[history.length - 1]?.observation as DilemmaObservation | undefined;
      if (!obs) return;
      // Rows by seat whatever the point of view (a seat sees itself as "my").
      const meIs1 = obs.seat === 1;
      const moves = meIs1 ? [obs.oppMoves, obs.myMoves] : [obs.myMoves, obs.oppMoves];
      const pay = meIs1 ? [obs.payoffs.opponent, obs.payoffs.own] : [obs.payoffs.own, obs.payoffs.opponent];
      const totals = meIs1 ? [obs.scores[1], obs.scores[0]] : [obs.scores[0], obs.scores[1]];
      const words = MOVE_WORDS[obs.game] ?? MOVE_WORDS.ipd;
      const n = moves[0]!.length;
      const running = [0, 0];
      const scoreCells: HTMLElement[] = [];
      for (let t = 0; t < n; t++) {
        for (let s = 0; s < 2; s++) running[s]! += payoff(pay[s]!, moves[s]![t]!, moves[1 - s]![t]!);
        scoreCells.push(
          h(
            'td',
            { class: 'score', title: `after turn ${t + 1}` },
            h('span', { style: { color: seatTextColour(0) } }, fmt(running[0])),
            h('br'),
            h('span', { style: { color: seatTextColour(1) } }, fmt(running[1])),
          ),
        );
      }
      const row = (s: number) =>
        h(
          'tr',
          null,
          h('th', { class: 'seat', style: { borderLeft: `6px solid ${seatColour(s)}` } }, labels[s] ?? `seat ${s}`),
          moves[s]!.map((m, t) =>
            h('td', { class: `move move-${m}`, title: `turn ${t + 1}: ${m === 'C' ? words.C : words.D}` }, m),
          ),
        );
      const talk: HTMLElement[] = [];
      if (obs.cheapTalk) {
        const mine = meIs1 ? obs.oppMessages : obs.myMessages;
        const theirs = meIs1 ? obs.myMessages : obs.oppMessages;
        for (let t = Math.max(0, mine.length - 5); t < mine.length; t++) {
          for (const [s, msgs] of [
            [0, mine],
            [1, theirs],
          ] as const) {
            const m = msgs[t];
            if (m)
              talk.push(
                h(
                  'li',
                  null,
                  h('span', { class: 'muted' }, `turn ${t + 1}, `),
                  h('b', { style: { color: seatTextColour(s) } }, labels[s] ?? `seat ${s}`),
                  `: ${m}`,
                ),
              );
          }
        }
      }
      const scroller = h(
        'div',
        { class: 'grid-scroll', tabindex: 0, role: 'region', 'aria-label': 'moves so far' },
        h(
          'table',
          { class: 'move-grid' },
          h(
            'thead',
            null,
            h(
              'tr',
              null,
              h('th', null, 'turn'),
              Array.from({ length: n }, (_, t) => h('th', null, String(t + 1))),
            ),
          ),
          h('tbody', null, row(0), row(1), h('tr', { class: 'running' }, h('th', null, 'running score'), scoreCells)),
        ),
      );
      replace(
        el,
        scroller,
        talk.length ? h('ul', { class: 'talk-log small' }, talk) : null,
        h(
          'div',
          { class: 'totals' },
          [0, 1].map((s) =>
            h(
              'span',
              { class: 'total', style: { color: seatTextColour(s) } },
              `${labels[s] ?? `seat ${s}`}: ${score(totals[s])}`,
            ),
          ),
          h(
            'span',
            { class: 'legend' },
            h('i', { class: 'swatch move-C' }),
            ` C = ${words.C}  `,
            h('i', { class: 'swatch move-D' }),
            ` D = ${words.D}`,
          ),
          h(
            'span',
            { class: 'muted' },
            `turn ${obs.turn}${obs.probEnd > 0 ? ` (ends w.p. ${obs.probEnd})` : ` / ${obs.turns}`}${obs.phase === 'over' ? ' · over' : ''}`,
          ),
        ),
      );
      scroller.scrollLeft = scroller.scrollWidth;
    },
  };
}
