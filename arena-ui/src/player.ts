/**
 * Replay transport: first / previous / play-pause / next / last, a step slider and a speed
 * select. Calls `show(i)` for frame i; playing advances on a timer at the chosen frames per second
 * and stops at the end. Left/right arrow keys step when the page has focus.
 */
import { h } from './dom.ts';

export interface Player {
  el: HTMLElement;
  go(i: number): void;
  readonly index: number;
  dispose(): void;
}

export function createPlayer(
  count: number,
  show: (i: number) => void,
  opts: { fps?: number; start?: number } = {},
): Player {
  let index = 0;
  let timer: ReturnType<typeof setInterval> | undefined;
  const label = h('span', { class: 'step-label' });
  const slider = h('input', {
    type: 'range',
    min: 0,
    max: Math.max(0, count - 1),
    value: 0,
    class: 'step-slider',
    oninput: () => go(Number(slider.value)),
  });
  const playBtn = h(
    'button',
    { class: 'play', title: 'play / pause', onclick: () => (timer ? pause() : play()) },
    'Play',
  );
  const speeds = [1, 2, 5, 10, 20, 60];
  const fps = opts.fps ?? 5;
  const speed = h(
    'select',
    { title: 'frames per second', onchange: () => timer && (pause(), play()) },
    speeds.map((s) => h('option', { value: s, selected: s === fps }, `${s}/s`)),
  );

  function go(i: number): void {
    index = Math.max(0, Math.min(count - 1, i));
    slider.value = String(index);
    label.textContent = `frame ${index} / ${count - 1}`;
    show(index);
  }
  function play(): void {
    if (index >= count - 1) go(0);
    playBtn.textContent = 'Pause';
    timer = setInterval(() => {
      if (index >= count - 1) pause();
      else go(index + 1);
    }, 1000 / Number(speed.value));
  }
  function pause(): void {
    if (timer) clearInterval(timer);
    timer = undefined;
    playBtn.textContent = 'Play';
  }
  const onKey = (e: KeyboardEvent) => {
    if ((e.target as HTMLElement | null)?.tagName === 'INPUT' || (e.target as HTMLElement | null)?.tagName === 'SELECT')
      return;
    if (e.key === 'ArrowRight') go(index + 1);
    else if (e.key === 'ArrowLeft') go(index - 1);
  };
  window.addEventListener('keydown', onKey);

  const el = h(
    'div',
    { class: 'player' },
    h('button', { class: 'first', title: 'first frame', onclick: () => go(0) }, '|◀'),
    h('button', { class: 'prev', title: 'previous step', onclick: () => go(index - 1) }, '◀'),
    playBtn,
    h('button', { class: 'next', title: 'next step', onclick: () => go(index + 1) }, '▶'),
    h('button', { class: 'last', title: 'last frame', onclick: () => go(count - 1) }, '▶|'),
    slider,
    label,
    speed,
  );
  go(opts.start ?? 0);
  return {
    el,
    go,
    get index() {
      return index;
    },
    dispose() {
      pause();
      window.removeEventListener('keydown', onKey);
    },
  };
}
