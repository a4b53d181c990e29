/**
 * VGC-lite: both sides as cards (species, types, an HP bar, status, the slot on the field), and the
 * battle log as text (each step's public events through the engine's own eventText), newest last.
 */
import { eventText } from '../../games/vgc/text.ts';
import type { MonView, VgcObs } from '../../games/vgc/view.ts';
import { h, replace, seatColour } from './dom.ts';
import type { Frame, MatchView } from './view.ts';

function hpColour(p: number): string {
  return p > 50 ? '#2aa876' : p > 20 ? '#d8b420' : '#d64a3b';
}

function monCard(m: MonView, preview: boolean): HTMLElement {
  const fainted = m.seen && m.hpPercent === 0;
  const own = m.hp !== undefined;
  // Own creatures left out at team preview take no part in the battle.
  const left = own && !preview && m.party === undefined;
  // Own moves are numbered as `move N` refers to them.
  const moves = own ? m.moves.map((x, i) => `${i + 1} ${x}`) : m.moves;
  return h(
    'div',
    { class: `mon${m.slot ? ' active' : ''}${fainted ? ' fainted' : ''}${m.seen && !left ? '' : ' unseen'}` },
    h(
      'div',
      { class: 'mon-head' },
      h('b', null, m.species),
      m.slot ? h('span', { class: 'slot' }, m.slot) : null,
      m.status ? h('span', { class: 'status' }, m.status) : null,
    ),
    h('div', { class: 'types muted' }, m.types.join('/')),
    h(
      'div',
      { class: 'hpbar', title: `${m.hpPercent}%` },
      h('div', { class: 'hp', style: { width: `${m.hpPercent}%`, background: hpColour(m.hpPercent) } }),
    ),
    h(
      'div',
      { class: 'muted small' },
      left
        ? 'not brought'
        : m.seen
          ? own
            ? `${m.hp}/${m.maxHp} HP${m.party !== undefined && !m.slot ? ` · switch ${m.party}` : ''}`
            : `${m.hpPercent}%`
          : 'not seen',
      moves.length ? ` · ${moves.join(', ')}` : '',
    ),
  );
}

/**
 * The engine's event line with the sides' names instead of p1/p2: "Tidewhelp (p1a) used Quick Jab."
 * becomes "Tidewhelp (yours, a) used Quick Jab." for the person in seat 0, or "(Ada’s, a)" for others.
 */
export function namedEventText(line: string, labels: readonly string[]): string {
  const who = (n: string) => labels[Number(n) - 1] ?? `p${n}`;
  return line
    .replace(
      /\(p([12])([ab])\)/g,
      (_, n: string, slot: string) => `(${who(n) === 'you' ? 'yours' : `${who(n)}’s`}, ${slot})`,
    )
    .replace(/\bp([12])(?=[ ’'])/g, (_, n: string) => who(n))
    .replace(/^you /, 'You ')
    .replace(/^you’s /, 'Your ');
}

export function vgcView(labels: readonly string[]): MatchView {
  const el = h('div', { class: 'view view-vgc' });
  return {
    el,
    show(history: readonly Frame[]) {
      const obs = history[history.length - 1]?.observation as VgcObs | undefined;
      if (!obs) return;
      const log: HTMLElement[] = [];
      for (const f of history) {
        const lines = ((f.observation as VgcObs).events ?? [])
          .map((e) => eventText(e))
          .filter(Boolean)
          .map((l) => namedEventText(l, labels));
        if (lines.length)
          log.push(
            h(
              'div',
              { class: 'log-step' },
              h(
                'span',
                { class: 'muted' },
                (f.observation as VgcObs).phase === 'preview' ? 'start' : `turn ${(f.observation as VgcObs).turn}`,
              ),
              lines.map((l) => h('div', null, l)),
            ),
          );
      }
      const logBox = h(
        'div',
        { class: 'battle-log', tabindex: 0, role: 'log', 'aria-label': 'battle log' },
        log.length ? log : h('div', { class: 'muted' }, 'No events yet.'),
      );
      replace(
        el,
        h(
          'div',
          { class: 'muted' },
          obs.phase === 'preview' ? 'Team preview' : `Turn ${obs.turn + 1} (cap ${obs.turnCap})`,
          obs.room ? ` · room ${obs.room}` : '',
          obs.phase === 'over'
            ? ` · over: ${obs.winner === null || obs.winner === undefined ? 'draw' : `${labels[obs.winner] ?? `p${obs.winner + 1}`} won`} (${obs.reason ?? ''})`
            : '',
        ),
        h(
          'div',
          { class: 'sides' },
          obs.sides.map((side) =>
            h(
              'div',
              { class: 'side', style: { borderTop: `4px solid ${seatColour(side.seat)}` } },
              h(
                'div',
                { class: 'side-head' },
                h('b', null, labels[side.seat] ?? `p${side.seat + 1}`),
                ` · ${side.left} left`,
                side.tailwind ? ` · tailwind ${side.tailwind}` : '',
              ),
              h(
                'div',
                { class: 'mons' },
                [...side.team]
                  .sort((a, b) => (a.slot ? a.slot.charCodeAt(0) : 200) - (b.slot ? b.slot.charCodeAt(0) : 200))
                  .map((m) => monCard(m, obs.phase === 'preview')),
              ),
            ),
          ),
        ),
        logBox,
      );
      logBox.scrollTop = logBox.scrollHeight;
    },
  };
}
