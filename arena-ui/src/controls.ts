/**
 * Action input for a human seat. Each game family has its own controls (controls-dilemma.ts,
 * controls-public-goods.ts, controls-vgc.ts, sumo-keys.ts); all share the `TurnControls` shape below
 * so the play page can disable them while an action is on its way and bring them back, with the
 * server's message inline, when it is refused. The generic controls here serve any other game,
 * built from what the turn message offers:
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

/** What the play page gives a family's controls for one turn. */
export interface TurnContext {
  game: AnyGame;
  config: any;
  seat: number;
  /** The turn message (observation, legal actions, step). */
  turn: { step: number; observation: any; legal?: unknown[] };
  labels: readonly string[];
  /** Send an action for this turn. */
  submit(action: unknown): void;
}

/** Controls for one turn. */
export interface TurnControls {
  el: HTMLElement;
  /** True while a sent action awaits the server: inputs are disabled, nothing is sent twice. */
  setBusy(busy: boolean): void;
  /** Show why the last action was refused (or '' to clear it); the controls stay live. */
  showError(message: string): void;
  dispose(): void;
}

/** True when a key press belongs to a text field (shortcuts must not steal typing). */
export function typing(e: KeyboardEvent): boolean {
  const t = e.target as HTMLElement | null;
  return (
    (!!t && (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.tagName === 'SELECT' || t.isContentEditable)) ||
    e.ctrlKey ||
    e.metaKey ||
    e.altKey
  );
}

/** An inline error line (role=alert: read out when it appears). */
export function errorLine(): { el: HTMLElement; set(message: string): void } {
  const el = h('div', { class: 'error small inline-error', role: 'alert', hidden: true });
  return {
    el,
    set(message: string) {
      el.hidden = message === '';
      el.textContent = message;
    },
  };
}

/**
 * Wrap a family's element into TurnControls: `busy` disables every button and field inside, keyboard
 * shortcuts (`keys`: key → action) work while not busy and not typing.
 */
export function wrapControls(
  body: HTMLElement,
  opts: { keys?: (e: KeyboardEvent) => boolean; onBusy?: (busy: boolean) => void } = {},
): TurnControls {
  const err = errorLine();
  const el = h('div', { class: 'turn-controls' }, body, err.el);
  let busy = false;
  const onKey = (e: KeyboardEvent) => {
    if (busy || typing(e) || !opts.keys) return;
    if (opts.keys(e)) e.preventDefault();
  };
  window.addEventListener('keydown', onKey);
  return {
    el,
    setBusy(b) {
      busy = b;
      el.classList.toggle('busy', b);
      el.querySelectorAll<HTMLButtonElement | HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>(
        'button, input, textarea, select',
      ).forEach((x) => {
        if (b) {
          if (!x.disabled) {
            x.disabled = true;
            x.dataset.busy = '1';
          }
        } else if (x.dataset.busy) {
          x.disabled = false;
          delete x.dataset.busy;
        }
      });
      opts.onBusy?.(b);
    },
    showError: err.set,
    dispose() {
      window.removeEventListener('keydown', onKey);
    },
  };
}

/** Buttons for a few legal actions (keys 1–9), else a list plus a text box: any game without its own controls. */
export function genericControls(ctx: TurnContext): TurnControls {
  const { game, config, seat, turn, submit } = ctx;
  const legal = turn.legal;
  let err: TurnControls | undefined;
  const body = actionControls(game, config, seat, legal, submit, (m) => err?.showError(m));
  err = wrapControls(body, {
    keys: (e) => {
      const k = Number(e.key);
      if (!legal || legal.length > 9 || !Number.isInteger(k) || k < 1 || k > legal.length) return false;
      submit(legal[k - 1]);
      return true;
    },
  });
  return err;
}

/** Canonical form for comparing action texts: lower case, single spaces, no space around punctuation. */
export function normaliseActionText(s: string): string {
  return s
    .trim()
    .toLowerCase()
    .replace(/\s*(->|[:;,])\s*/g, '$1')
    .replace(/\s+/g, ' ');
}

/** The action a text names: the game's parser (config-only), else an exact match of a legal action's text. */
export function readAction(
  game: AnyGame,
  config: unknown,
  seat: number,
  text: string,
  legal: readonly unknown[] | undefined,
): unknown {
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
    throw new GameError(
      'PARSE',
      `${JSON.stringify(text.trim())} is not one of the legal actions; pick one from the list or type its text`,
    );
  }
}

export function actionControls(
  game: AnyGame,
  config: unknown,
  seat: number,
  legal: readonly unknown[] | undefined,
  submit: (action: unknown) => void,
  showError: (message: string) => void = () => {},
): HTMLElement {
  if (legal && legal.length <= BUTTON_LIMIT) {
    return h(
      'div',
      { class: 'controls buttons' },
      legal.map((a, i) =>
        h(
          'button',
          {
            class: 'action',
            'data-action': game.actionText(a),
            onclick: () => submit(a),
            'aria-keyshortcuts': i < 9 ? String(i + 1) : undefined,
          },
          game.actionText(a),
        ),
      ),
    );
  }
  const listId = 'legal-' + Math.random().toString(36).slice(2);
  const input = h('input', {
    type: 'text',
    class: 'action-text',
    list: listId,
    'aria-label': 'action',
    placeholder: legal ? 'type an action, e.g. ' + game.actionText(legal[0]) : 'type an action',
    size: 32,
  });
  const send = () => {
    try {
      submit(readAction(game, config, seat, input.value, legal));
      showError('');
    } catch (e) {
      showError(e instanceof Error ? e.message : String(e));
    }
  };
  input.addEventListener('keydown', (e) => {
    if (e.key === 'Enter') send();
  });
  const parts: HTMLElement[] = [];
  if (legal) {
    const select = h(
      'select',
      { class: 'action-select', 'aria-label': 'legal actions', size: Math.min(10, legal.length) },
      legal.map((a, i) => h('option', { value: String(i) }, game.actionText(a))),
    );
    select.addEventListener('change', () => (input.value = game.actionText(legal[Number(select.value)])));
    select.addEventListener('dblclick', () => submit(legal[Number(select.value)]));
    parts.push(
      h(
        'div',
        null,
        h('div', { class: 'muted small' }, `${legal.length} legal actions (double-click to play one)`),
        select,
      ),
    );
    parts.push(
      h(
        'datalist',
        { id: listId },
        legal.map((a) => h('option', { value: game.actionText(a) })),
      ),
    );
  }
  return h(
    'div',
    { class: 'controls text' },
    parts,
    h('div', { class: 'row' }, input, h('button', { class: 'send', onclick: send }, 'Play')),
  );
}
