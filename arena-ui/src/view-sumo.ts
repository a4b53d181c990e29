/**
 * Sumo, top-down on a canvas: the ring (y up), each robot as a disc in its seat colour with a nose
 * line along its heading, a short trail of past positions, a burst where the robots touch, and
 * the status (steps left, or the outcome).
 */
import type { SumoObservation } from '../../games/sumo/observe.ts';
import { h, seatColour } from './dom.ts';
import type { Frame, MatchView } from './view.ts';

const SIZE = 420;
const TRAIL = 40;

export function sumoView(labels: readonly string[]): MatchView {
  const canvas = h('canvas', {
    width: SIZE,
    height: SIZE,
    class: 'sumo-canvas',
    role: 'img',
    'aria-label': 'the sumo ring, seen from above',
  });
  const status = h('div', { class: 'sumo-status' });
  const legend = h(
    'div',
    { class: 'legend' },
    labels.map((l, i) => h('span', null, h('i', { class: 'swatch', style: { background: seatColour(i) } }), ` ${l}`)),
  );
  const el = h('div', { class: 'view view-sumo' }, canvas, status, legend);
  const ctx = canvas.getContext('2d')!;

  return {
    el,
    show(history: readonly Frame[]) {
      const obs = history[history.length - 1]?.observation as SumoObservation | undefined;
      if (!obs) return;
      draw(
        ctx,
        obs,
        history.slice(-TRAIL).map((f) => f.observation as SumoObservation),
      );
      status.textContent = obs.outcome
        ? `Over: ${obs.outcome.reason}${obs.outcome.winner === null ? ' — no winner' : ` — ${labels[obs.outcome.winner] ?? `seat ${obs.outcome.winner}`} wins`}`
        : `Step ${obs.step} / ${obs.maxSteps}${obs.touched ? ' · touched' : ''}${obs.contact ? ' · CONTACT' : ''}`;
    },
  };
}

function draw(ctx: CanvasRenderingContext2D, obs: SumoObservation, trail: readonly SumoObservation[]): void {
  // Fit the ring plus a margin so that robots being pushed out stay visible.
  const reach = obs.radius * 1.25;
  const scale = SIZE / 2 / reach;
  const X = (x: number) => SIZE / 2 + x * scale;
  const Y = (y: number) => SIZE / 2 - y * scale;

  ctx.fillStyle = '#1d2330';
  ctx.fillRect(0, 0, SIZE, SIZE);
  // Ring: the dohyo surface and its edge.
  ctx.beginPath();
  ctx.arc(X(0), Y(0), obs.radius * scale, 0, 2 * Math.PI);
  ctx.fillStyle = '#e9dcc0';
  ctx.fill();
  ctx.lineWidth = 4;
  ctx.strokeStyle = '#8c6b3f';
  ctx.stroke();
  ctx.beginPath();
  ctx.arc(X(0), Y(0), 3, 0, 2 * Math.PI);
  ctx.fillStyle = '#8c6b3f';
  ctx.fill();

  // Trails.
  for (let seat = 0; seat < 2; seat++) {
    ctx.beginPath();
    trail.forEach((o, i) => {
      const r = o.robots[seat]!;
      if (i === 0) ctx.moveTo(X(r.x), Y(r.y));
      else ctx.lineTo(X(r.x), Y(r.y));
    });
    ctx.strokeStyle = seatColour(seat) + '66';
    ctx.lineWidth = 2;
    ctx.stroke();
  }

  // Robots with headings.
  const rr = obs.robotRadius * scale;
  obs.robots.forEach((r, seat) => {
    const out = r.edge < 0;
    ctx.beginPath();
    ctx.arc(X(r.x), Y(r.y), rr, 0, 2 * Math.PI);
    ctx.fillStyle = seatColour(seat);
    ctx.globalAlpha = out ? 0.5 : 1;
    ctx.fill();
    ctx.globalAlpha = 1;
    ctx.lineWidth = 2;
    ctx.strokeStyle = '#101010';
    ctx.stroke();
    const nx = X(r.x + Math.cos(r.angle) * obs.robotRadius * 1.5);
    const ny = Y(r.y + Math.sin(r.angle) * obs.robotRadius * 1.5);
    ctx.beginPath();
    ctx.moveTo(X(r.x), Y(r.y));
    ctx.lineTo(nx, ny);
    ctx.lineWidth = 4;
    ctx.strokeStyle = '#101010';
    ctx.stroke();
    ctx.fillStyle = '#fff';
    ctx.font = 'bold 14px system-ui, sans-serif';
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    ctx.fillText(String(seat), X(r.x), Y(r.y));
  });

  // Contact mark: a burst halfway between the two bodies.
  if (obs.contact) {
    const [a, b] = obs.robots;
    const cx = X((a.x + b.x) / 2);
    const cy = Y((a.y + b.y) / 2);
    ctx.strokeStyle = '#d81e1e';
    ctx.lineWidth = 3;
    for (let i = 0; i < 8; i++) {
      const t = (i * Math.PI) / 4;
      ctx.beginPath();
      ctx.moveTo(cx + Math.cos(t) * 4, cy + Math.sin(t) * 4);
      ctx.lineTo(cx + Math.cos(t) * 12, cy + Math.sin(t) * 12);
      ctx.stroke();
    }
  }
}
