/**
 * Trust-and-Split for a person: in the talk phase a message box (a text area of at most MAX_MESSAGE
 * characters with a live count; Enter sends, Shift+Enter starts a new line) with "Send" and "Say
 * nothing"; in the split phase one button per claim, 0 to all the coins (a number box and "Claim"
 * when there are more than 20), with the keys 0–9 as shortcuts.
 */
import { MAX_MESSAGE } from '../../games/core/message.ts';
import type { TrustSplitObservation } from '../../games/trust-and-split/observe.ts';
import { wrapControls, type TurnContext, type TurnControls } from './controls.ts';
import { h } from './dom.ts';
import { handLabel } from './view-trust-and-split.ts';

const MAX_BUTTONS = 20;

export function trustAndSplitControls(ctx: TurnContext): TurnControls {
  const o = ctx.turn.observation as TrustSplitObservation;
  const hand = `Your hand: ${handLabel(o.myHand)}.`;
  if (o.phase === 'talk') {
    const box = h('textarea', {
      class: 'talk-text',
      id: 'talk-text',
      maxlength: MAX_MESSAGE,
      rows: 3,
      autocomplete: 'off',
      placeholder: 'e.g. my hand is rock: if yours is scissors, I take all the coins',
    });
    const count = h('span', { class: 'muted small talk-count', 'aria-live': 'polite' }, `0 / ${MAX_MESSAGE}`);
    box.addEventListener('input', () => (count.textContent = `${box.value.length} / ${MAX_MESSAGE}`));
    const send = () => ctx.submit({ say: box.value });
    box.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' && !e.shiftKey) {
        e.preventDefault();
        send();
      }
    });
    const body = h(
      'div',
      { class: 'controls talk' },
      h(
        'label',
        { for: 'talk-text' },
        `${hand} Message to the other player in round ${o.round + 1} (at most ${MAX_MESSAGE} characters)`,
      ),
      box,
      h(
        'div',
        { class: 'row' },
        h('button', { class: 'primary send-talk', onclick: send }, 'Send'),
        h('button', { class: 'say-nothing', onclick: () => ctx.submit({ say: '' }) }, 'Say nothing'),
        count,
      ),
    );
    const c = wrapControls(body);
    queueMicrotask(() => box.focus());
    return c;
  }
  const label = `${hand} How many of the ${o.coins} coins do you claim? (Over-claims are scaled down proportionally.)`;
  if (o.coins > MAX_BUTTONS) {
    const input = h('input', {
      type: 'number',
      id: 'claim-amount',
      class: 'claim-amount',
      min: 0,
      max: o.coins,
      step: 1,
    });
    const body = h(
      'div',
      { class: 'controls claims' },
      h('label', { for: 'claim-amount' }, label),
      h(
        'div',
        { class: 'row' },
        input,
        h('button', { class: 'primary claim', onclick: () => ctx.submit({ claim: Number(input.value) }) }, 'Claim'),
      ),
    );
    return wrapControls(body);
  }
  const body = h(
    'div',
    { class: 'controls claims' },
    h('p', { id: 'claim-label' }, label),
    h(
      'div',
      { class: 'row claim-buttons', role: 'group', 'aria-labelledby': 'claim-label' },
      Array.from({ length: o.coins + 1 }, (_, k) =>
        h(
          'button',
          { class: 'action claim-button', 'data-claim': k, onclick: () => ctx.submit({ claim: k }) },
          String(k),
        ),
      ),
    ),
  );
  return wrapControls(body, {
    keys: (e) => {
      if (!/^[0-9]$/.test(e.key) || Number(e.key) > o.coins) return false;
      ctx.submit({ claim: Number(e.key) });
      return true;
    },
  });
}
