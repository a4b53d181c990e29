/**
 * Text rendering: a status line, an ASCII top-down frame of the ring (y up; two columns per row
 * because terminal cells are about twice as tall as wide), and one line per robot. Robots are drawn
 * as their seat digit with a `*` one body length ahead marking the heading; contact shows as `X`
 * between them.
 */
import type { SumoObservation } from './observe.ts';

const ROWS = 17;
const COLS = 2 * ROWS + 1;

export function renderObservation(obs: SumoObservation): string {
  // Scale so that the ring (plus a margin for robots that are already out) fits the frame.
  const reach = Math.max(obs.radius * 1.15, ...obs.robots.map((r) => Math.hypot(r.x, r.y) + obs.robotRadius));
  const half = (ROWS - 1) / 2;
  const cellY = reach / half;
  const cellX = cellY / 2;
  const grid: string[][] = Array.from({ length: ROWS }, () => new Array<string>(COLS).fill(' '));
  const put = (x: number, y: number, ch: string) => {
    const col = Math.round(x / cellX + (COLS - 1) / 2);
    const row = Math.round(half - y / cellY);
    if (row >= 0 && row < ROWS && col >= 0 && col < COLS) grid[row]![col] = ch;
  };
  for (let i = 0; i < 96; i++) {
    const t = (2 * Math.PI * i) / 96;
    put(obs.radius * Math.cos(t), obs.radius * Math.sin(t), '.');
  }
  put(0, 0, '+');
  obs.robots.forEach((r) => {
    const nose = 2 * obs.robotRadius;
    put(r.x + nose * Math.cos(r.angle), r.y + nose * Math.sin(r.angle), '*');
  });
  if (obs.contact) put((obs.robots[0].x + obs.robots[1].x) / 2, (obs.robots[0].y + obs.robots[1].y) / 2, 'X');
  obs.robots.forEach((r, seat) => put(r.x, r.y, String(seat)));

  const who = obs.seat === 'spectator' ? 'spectator' : `you are ${obs.seat}`;
  const status = obs.outcome
    ? `over: ${obs.outcome.reason}${obs.outcome.winner === null ? ' (no winner)' : `, winner ${obs.outcome.winner}`}`
    : `${obs.stepsRemaining} steps left`;
  const lines = [
    `sumo  step ${obs.step}/${obs.maxSteps}  R=${obs.radius.toFixed(2)}  contact ${obs.contact ? 'yes' : 'no'}  touched ${obs.touched ? 'yes' : 'no'}  ${status}  (${who})`,
    ...grid.map((row) => row.join('').trimEnd()),
  ];
  obs.robots.forEach((r, seat) => {
    const deg = Math.round((r.angle * 180) / Math.PI) % 360;
    lines.push(
      `  ${seat}: at (${r.x.toFixed(2)}, ${r.y.toFixed(2)})  heading ${(deg + 360) % 360}°  speed ${Math.hypot(r.vx, r.vy).toFixed(2)} m/s  edge ${r.edge.toFixed(2)} m`,
    );
  });
  return lines.join('\n');
}
