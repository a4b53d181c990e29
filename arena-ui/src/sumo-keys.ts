/**
 * Sumo for a person: the arrow keys (or W A S D), or the on-screen pad on a phone. ↑/↓ thrust
 * forward/back, ←/→ turn left/right (counter-clockwise is left, as in games/sumo/actions.ts). Each turn
 * is answered with what is held at that moment, no sooner than one decision period after the previous
 * answer, so the bout runs at real speed for a person instead of as fast as the network allows.
 *
 * Before the first answer a 3-2-1 countdown runs (the server waits: a person's turn allowance is 30 s),
 * so nobody starts a bout by surprise. On the pad, a press holds its direction while the finger stays
 * down and for at least `MIN_PRESS_MS` after a quick tap, so that a tap is felt by the robot.
 */
import type { SumoAction } from '../../games/sumo/actions.ts';
import { h } from './dom.ts';

export const COUNTDOWN_MS = 3000;
export const MIN_PRESS_MS = 300;

type Dir = 'up' | 'down' | 'left' | 'right';
const KEY_DIR: Record<string, Dir> = {
  ArrowUp: 'up',
  ArrowDown: 'down',
  ArrowLeft: 'left',
  ArrowRight: 'right',
  w: 'up',
  s: 'down',
  a: 'left',
  d: 'right',
  W: 'up',
  S: 'down',
  A: 'left',
  D: 'right',
};

export interface SumoControls {
  el: HTMLElement;
  /** A turn is open: answer it (after the countdown, and no sooner than one period after the last answer). */
  turn(): void;
  stop(): void;
}

export function sumoControls(
  periodMs: number,
  act: (a: SumoAction) => void,
  onCountdown: (text: string | null) => void,
): SumoControls {
  const keys = new Set<Dir>();
  /** Pad presses: direction → the time until which it stays held even after release. */
  const pad = new Map<Dir, { down: boolean; until: number }>();
  const held = (d: Dir) =>
    keys.has(d) ||
    (() => {
      const p = pad.get(d);
      return !!p && (p.down || p.until > performance.now());
    })();
  const readout = h('span', { class: 'sumo-action', 'aria-live': 'off' }, 'thrust 0 · turn 0');
  const current = (): SumoAction => {
    const thrust = (held('up') ? 1 : 0) - (held('down') ? 1 : 0);
    const turn = (held('left') ? 1 : 0) - (held('right') ? 1 : 0);
    return [thrust, turn];
  };
  const update = () => {
    const [t, r] = current();
    readout.textContent = `thrust ${t} · turn ${r}`;
    for (const [d, b] of buttons) b.classList.toggle('held', held(d));
  };
  const down = (e: KeyboardEvent) => {
    const d = KEY_DIR[e.key];
    if (!d || (e.target as HTMLElement | null)?.tagName === 'INPUT') return;
    e.preventDefault();
    keys.add(d);
    update();
  };
  const up = (e: KeyboardEvent) => {
    const d = KEY_DIR[e.key];
    if (!d) return;
    keys.delete(d);
    update();
  };
  const blur = () => {
    keys.clear();
    pad.clear();
    update();
  };
  window.addEventListener('keydown', down);
  window.addEventListener('keyup', up);
  window.addEventListener('blur', blur);

  const buttons = new Map<Dir, HTMLButtonElement>();
  const padButton = (d: Dir, label: string, text: string) => {
    const b = h('button', { class: `pad pad-${d}`, 'aria-label': label, type: 'button' }, text);
    const press = (e: Event) => {
      e.preventDefault();
      pad.set(d, { down: true, until: performance.now() + MIN_PRESS_MS });
      update();
    };
    const release = () => {
      const p = pad.get(d);
      if (p) p.down = false;
      update();
      setTimeout(update, MIN_PRESS_MS + 10);
    };
    // Pointer events cover mouse, pen and touch; touch-action: none (style.css) keeps the page from scrolling under a thumb.
    b.addEventListener('pointerdown', press);
    b.addEventListener('pointerup', release);
    b.addEventListener('pointercancel', release);
    b.addEventListener('pointerleave', release);
    b.addEventListener('contextmenu', (e) => e.preventDefault());
    buttons.set(d, b);
    return b;
  };
  const el = h(
    'div',
    { class: 'controls sumo-controls' },
    h(
      'div',
      { class: 'sumo-pad', role: 'group', 'aria-label': 'robot controls' },
      padButton('up', 'thrust forward', '▲'),
      padButton('left', 'turn left', '◀'),
      padButton('right', 'turn right', '▶'),
      padButton('down', 'thrust back', '▼'),
    ),
    h(
      'p',
      { class: 'muted small sumo-help' },
      'Hold ',
      h('kbd', null, '↑'),
      ' ',
      h('kbd', null, '↓'),
      ' to push forward or back and ',
      h('kbd', null, '←'),
      ' ',
      h('kbd', null, '→'),
      ' to turn (or W A S D, or the pad). Now: ',
      readout,
    ),
  );

  let last = 0;
  let pending: ReturnType<typeof setTimeout> | undefined;
  let ready = false;
  let counting = false;
  let waiting = false;
  const countdown = () => {
    counting = true;
    const t0 = performance.now();
    const tick = () => {
      pending = undefined;
      const left = COUNTDOWN_MS - (performance.now() - t0);
      if (left <= 0) {
        onCountdown('Go!');
        setTimeout(() => onCountdown(null), 600);
        ready = true;
        counting = false;
        if (waiting) answer();
        return;
      }
      onCountdown(String(Math.ceil(left / 1000)));
      pending = setTimeout(tick, Math.min(100, left));
    };
    tick();
  };
  const answer = () => {
    waiting = false;
    if (pending) return;
    const wait = Math.max(0, last + periodMs - performance.now());
    pending = setTimeout(() => {
      pending = undefined;
      last = performance.now();
      update();
      act(current());
    }, wait);
  };
  return {
    el,
    turn() {
      if (ready) return answer();
      waiting = true;
      if (!counting) countdown();
    },
    stop() {
      if (pending) clearTimeout(pending);
      pending = undefined;
      ready = false;
      onCountdown(null);
      window.removeEventListener('keydown', down);
      window.removeEventListener('keyup', up);
      window.removeEventListener('blur', blur);
    },
  };
}
