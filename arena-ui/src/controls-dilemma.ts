/**
 * The iterated 2×2 dilemmas for a person: two large buttons in the game's own words (cooperate /
 * defect, stag / hare, swerve / straight), with the keys C and D (or 1 and 2); in a cheap-talk phase,
 * a text box for the message (at most the game's MAX_MESSAGE characters) with "Send" and "Say
 * nothing".
 */
import { MAX_MESSAGE } from '../../games/dilemmas/config.ts';
import type { DilemmaObservation } from '../../games/dilemmas/observe.ts';
import { MOVE_WORDS } from '../../games/dilemmas/text.ts';
import { h } from './dom.ts';
import { wrapControls, type TurnContext, type TurnControls } from './controls.ts';

export function dilemmaControls(ctx: TurnContext): TurnControls {
  const obs = ctx.turn.observation as DilemmaObservation;
  const words = MOVE_WORDS[obs.game] ?? MOVE_WORDS.ipd;
  if (obs.phase === 'talk') {
    const box = h('input', {
      type: 'text',
      class: 'talk-text',
      id: 'talk-text',
      maxlength: MAX_MESSAGE,
      autocomplete: 'off',
      placeholder: 'e.g. let us both cooperate',
    });
    const send = () => ctx.submit({ say: box.value });
    box.addEventListener('keydown', (e) => {
      if (e.key === 'Enter') send();
    });
    const body = h(
      'div',
      { class: 'controls talk' },
      h(
        'label',
        { for: 'talk-text' },
        `Message to your opponent before turn ${obs.turn + 1} (at most ${MAX_MESSAGE} characters)`,
      ),
      h(
        'div',
        { class: 'row' },
        box,
        h('button', { class: 'primary send-talk', onclick: send }, 'Send'),
        h('button', { class: 'say-nothing', onclick: () => ctx.submit({ say: '' }) }, 'Say nothing'),
      ),
    );
    const c = wrapControls(body);
    queueMicrotask(() => box.focus());
    return c;
  }
  const button = (m: 'C' | 'D', n: number) =>
    h(
      'button',
      {
        class: `action move-button move-${m}`,
        'data-action': m,
        'aria-keyshortcuts': `${m} ${n}`,
        onclick: () => ctx.submit(m),
      },
      h('span', { class: 'word' }, capital(words[m])),
      h('kbd', { 'aria-hidden': 'true' }, m),
    );
  const body = h(
    'div',
    { class: 'controls buttons dilemma-moves', role: 'group', 'aria-label': `your move for turn ${obs.turn + 1}` },
    button('C', 1),
    button('D', 2),
  );
  return wrapControls(body, {
    keys: (e) => {
      const k = e.key.toUpperCase();
      const m = k === 'C' || k === '1' ? 'C' : k === 'D' || k === '2' ? 'D' : null;
      if (!m) return false;
      ctx.submit(m);
      return true;
    },
  });
}

function capital(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
