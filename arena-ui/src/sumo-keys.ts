/**
 * Sumo by keyboard: ↑/↓ thrust forward/back, ←/→ turn left/right (counter-clockwise is left, as
 * in games/sumo/actions.ts). Each turn is answered with the keys held at that moment, no sooner
 * than one decision period after the previous answer, so the match runs at real speed for a person
 * instead of as fast as the network allows.
 */
import type { SumoAction } from '../../games/sumo/actions.ts';
import { h } from './dom.ts';

export function sumoKeyboard(periodMs: number, act: (a: SumoAction) => void): { el: HTMLElement; turn(): void; stop(): void } {
  const held = new Set<string>();
  const readout = h('span', { class: 'sumo-action' }, 'thrust 0 turn 0');
  const current = (): SumoAction => {
    const thrust = (held.has('ArrowUp') ? 1 : 0) - (held.has('ArrowDown') ? 1 : 0);
    const turn = (held.has('ArrowLeft') ? 1 : 0) - (held.has('ArrowRight') ? 1 : 0);
    return [thrust, turn];
  };
  const update = () => {
    const [t, r] = current();
    readout.textContent = `thrust ${t} turn ${r}`;
  };
  const KEYS = new Set(['ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight']);
  const down = (e: KeyboardEvent) => {
    if (!KEYS.has(e.key)) return;
    e.preventDefault();
    held.add(e.key);
    update();
  };
  const up = (e: KeyboardEvent) => {
    if (!KEYS.has(e.key)) return;
    held.delete(e.key);
    update();
  };
  window.addEventListener('keydown', down);
  window.addEventListener('keyup', up);
  window.addEventListener('blur', () => held.clear());
  let last = 0;
  let pending: ReturnType<typeof setTimeout> | undefined;
  const el = h('div', { class: 'controls sumo-keys' }, h('kbd', null, '↑'), h('kbd', null, '↓'), h('kbd', null, '←'), h('kbd', null, '→'), ' hold the arrow keys · now: ', readout);
  return {
    el,
    turn() {
      if (pending) return;
      const wait = Math.max(0, last + periodMs - performance.now());
      pending = setTimeout(() => {
        pending = undefined;
        last = performance.now();
        act(current());
      }, wait);
    },
    stop() {
      if (pending) clearTimeout(pending);
      pending = undefined;
      window.removeEventListener('keydown', down);
      window.removeEventListener('keyup', up);
    },
  };
}
