/**
 * Action input for a human seat, built from what the turn message offers:
 *   - a few legal actions: one button each, labelled with the game's action text;
 *   - many legal actions (VGC, public goods with punishment): a select of every legal action plus a
 *     text box in the game's parseAction syntax (suggestions from the legal list);
 *   - no list (continuous games): the text box alone.
 * Text is read with the game's own parser where it needs nothing but the config; otherwise (VGC,
 * whose parser reads the battle state) it is matched against the legal actions' texts.
 */
import { GameError } from '../../games/core/errors.ts';
import type { AnyGame } from '../../games/core/types.ts';
import { h } from './dom.ts';

export const BUTTON_LIMIT = 12;

/** Canonical form for comparing action texts: lower case, single spaces, no space around punctuation. */
export function normaliseActionText(s: string): string {
  return s
    .trim()
    .toLowerCase()
    .replace(/\s*(->|[:;,])\s*/g, '$1')
    .replace(/\s+/g, ' ');
}

/** The action a text names: the game's parser (config-only), else an exact match of a legal action's text. */
export function readAction(game: AnyGame, config: unknown, seat: number, text: string, legal: readonly unknown[] | undefined): unknown {
  if (legal) {
    const want = normaliseActionText(text);
    const hit = legal.find((a) => normaliseActionText(game.actionText(a)) === want);
    if (hit !== undefined) return hit;
  }
  // Parsers of the dilemmas, sumo and public goods read only `state.config`. Others (VGC) need the
  // battle state the browser does not have: their failure is reported as "not a legal action".
  try {
    return game.parseAction(text, { config } as never, seat);
  } catch (e) {
    if (e instanceof GameError) throw e;
    throw new GameError('PARSE', `${JSON.stringify(text.trim())} is not one of the legal actions; pick one from the list or type its text`);
  }
}

export function actionControls(game: AnyGame, config: unknown, seat: number, legal: readonly unknown[] | undefined, submit: (action: unknown) => void): HTMLElement {
  const error = h('div', { class: 'error small', hidden: true });
  const showError = (e: unknown) => {
    error.hidden = false;
    error.textContent = e instanceof Error ? e.message : String(e);
  };
  if (legal && legal.length <= BUTTON_LIMIT) {
    return h(
      'div',
      { class: 'controls buttons' },
      legal.map((a) =>
        h('button', { class: 'action', 'data-action': game.actionText(a), onclick: () => submit(a) }, game.actionText(a)),
      ),
    );
  }
  const listId = 'legal-' + Math.random().toString(36).slice(2);
  const input = h('input', { type: 'text', class: 'action-text', list: listId, placeholder: legal ? 'type an action, e.g. ' + game.actionText(legal[0]) : 'type an action', size: 48 });
  const send = () => {
    try {
      submit(readAction(game, config, seat, input.value, legal));
      error.hidden = true;
    } catch (e) {
      showError(e);
    }
  };
  input.addEventListener('keydown', (e) => {
    if (e.key === 'Enter') send();
  });
  const parts: HTMLElement[] = [];
  if (legal) {
    const select = h(
      'select',
      { class: 'action-select', size: Math.min(10, legal.length) },
      legal.map((a, i) => h('option', { value: String(i) }, game.actionText(a))),
    );
    select.addEventListener('change', () => (input.value = game.actionText(legal[Number(select.value)])));
    select.addEventListener('dblclick', () => submit(legal[Number(select.value)]));
    parts.push(h('div', null, h('div', { class: 'muted small' }, `${legal.length} legal actions (double-click to play one)`), select));
    parts.push(h('datalist', { id: listId }, legal.map((a) => h('option', { value: game.actionText(a) }))));
  }
  return h('div', { class: 'controls text' }, parts, h('div', { class: 'row' }, input, h('button', { class: 'send', onclick: send }, 'Play')), error);
}
