/**
 * A person's clock, as the server keeps it (server/live/timing.ts SeatClock): each turn has a free
 * allowance (`turnMs`), then a bank shared by the whole match drains; at zero the game's default
 * action is played. A `turn` message says what remained when it was sent (`deadlineMs`, `bankMs`);
 * the page counts down from there continuously (requestAnimationFrame), turns the bar orange while the
 * bank drains and red, with a spoken warning, when little time is left.
 *
 * `clockReading` is pure (unit-tested in test/ui/clock.test.ts); `clockWidget` draws it.
 */
import { h } from './dom.ts';

/** Below this much time in all (turn allowance plus bank) the clock warns. */
export const LOW_TIME_MS = 10_000;

export interface ClockReading {
  phase: 'turn' | 'bank' | 'out';
  /** Free time left in this turn, and what the bank holds now (ms). */
  turnLeftMs: number;
  bankLeftMs: number;
  /** Share of the current phase left, 0..1 (the bar's width). */
  fraction: number;
  low: boolean;
  text: string;
}

export function seconds(ms: number): string {
  const s = Math.max(0, ms) / 1000;
  if (s >= 60) return `${Math.floor(s / 60)}:${String(Math.floor(s % 60)).padStart(2, '0')}`;
  return s >= 10 ? `${Math.floor(s)} s` : `${s.toFixed(1)} s`;
}

/** "30 s a turn + 2:30 bank": the clock stated in the header. */
export function clockSummary(timing: { turnMs: number; bankMs: number }): string {
  return `${seconds(timing.turnMs)} a turn + ${seconds(timing.bankMs)} bank`;
}

/**
 * @param turn what the turn message said remained when it was sent
 * @param elapsedMs time since it arrived
 * @param timing the seat's clock (match-start.timing), for the bar's scale
 */
export function clockReading(
  turn: { deadlineMs: number; bankMs: number },
  elapsedMs: number,
  timing: { turnMs: number; bankMs: number },
): ClockReading {
  const turnLeft = Math.max(0, turn.deadlineMs - elapsedMs);
  const overrun = Math.max(0, elapsedMs - turn.deadlineMs);
  const bankLeft = Math.max(0, turn.bankMs - overrun);
  const total = turnLeft + bankLeft;
  const low = total <= LOW_TIME_MS;
  if (total <= 0)
    return {
      phase: 'out',
      turnLeftMs: 0,
      bankLeftMs: 0,
      fraction: 0,
      low: true,
      text: 'Out of time: the default action is played',
    };
  if (turnLeft > 0) {
    return {
      phase: 'turn',
      turnLeftMs: turnLeft,
      bankLeftMs: bankLeft,
      fraction: Math.min(1, turnLeft / Math.max(1, timing.turnMs)),
      low,
      text: `${seconds(turnLeft)} to move · then ${seconds(bankLeft)} in your bank`,
    };
  }
  return {
    phase: 'bank',
    turnLeftMs: 0,
    bankLeftMs: bankLeft,
    fraction: Math.min(1, bankLeft / Math.max(1, timing.bankMs)),
    low,
    text: `Using your bank: ${seconds(bankLeft)} left`,
  };
}

export interface ClockWidget {
  el: HTMLElement;
  /** A turn opened: count down from what the message said. */
  start(turn: { deadlineMs: number; bankMs: number }, timing: { turnMs: number; bankMs: number }): void;
  /** Stop counting (the action was sent, or the match ended) and show `text`. */
  stop(text: string): void;
  /** The action was refused: the turn is still open, the clock goes on from where it really is. */
  resume(): void;
  /** Show a fixed reading (sumo's bout time, which moves with every decision). */
  set(fraction: number, text: string, low: boolean): void;
  dispose(): void;
}

export function clockWidget(): ClockWidget {
  const bar = h('div', { class: 'clock-bar' });
  const text = h('span', { class: 'clock-text' });
  // A polite live region that speaks once when time runs low (not on every tick).
  const alert = h('span', { class: 'visually-hidden', role: 'status', 'aria-live': 'polite' });
  const el = h('div', { class: 'clock', role: 'timer', 'aria-label': 'your clock' }, bar, text, alert);
  let turn: { deadlineMs: number; bankMs: number } | undefined;
  let timing = { turnMs: 1, bankMs: 1 };
  let at = 0;
  let running = false;
  let raf = 0;
  let warned = false;
  let lastText = '';
  const frame = () => {
    raf = 0;
    if (!running || !turn) return;
    const r = clockReading(turn, performance.now() - at, timing);
    bar.style.width = `${(100 * r.fraction).toFixed(2)}%`;
    el.classList.toggle('bank', r.phase !== 'turn');
    el.classList.toggle('low', r.low);
    // The text changes at most every 0.1 s; rewriting it every frame would only cost layout.
    if (r.text !== lastText) text.textContent = lastText = r.text;
    if (r.low && !warned) {
      warned = true;
      alert.textContent = `Low time: ${seconds(r.turnLeftMs + r.bankLeftMs)} left to move.`;
    }
    raf = requestAnimationFrame(frame);
  };
  const run = () => {
    running = true;
    el.classList.remove('idle');
    if (!raf) raf = requestAnimationFrame(frame);
  };
  return {
    el,
    start(t, tm) {
      turn = t;
      timing = tm;
      at = performance.now();
      warned = false;
      run();
      frame();
    },
    stop(msg) {
      running = false;
      if (raf) cancelAnimationFrame(raf);
      raf = 0;
      el.classList.add('idle');
      el.classList.remove('low');
      bar.style.width = '0%';
      text.textContent = lastText = msg;
    },
    resume() {
      if (turn) run();
    },
    set(fraction, msg, low) {
      running = false;
      el.classList.remove('idle', 'bank');
      el.classList.toggle('low', low);
      bar.style.width = `${(100 * Math.max(0, Math.min(1, fraction))).toFixed(2)}%`;
      if (msg !== lastText) text.textContent = lastText = msg;
    },
    dispose() {
      running = false;
      if (raf) cancelAnimationFrame(raf);
    },
  };
}
