/**
 * What a seat sees in either public goods game, its fixed-size numeric encoding (one layout for
 * every N up to 32, padded) and its text rendering.
 *
 * Public: every seat's contribution in past rounds (and, in the punishment stage, this round's),
 * the punishment points each seat RECEIVED in total. Private to each seat: whom it punished (its
 * own row of the punishment matrix), its own payoffs and total. Hidden from everyone: who punished
 * whom, other seats' spending and payoffs (as in Fehr & Gächter 2000, where subjects learned the
 * punishment they received but not its source).
 */
import { MAX_PLAYERS } from './config.ts';

export interface RoundView {
  contributions: number[];
  /** Punishment points received per seat (public totals); present when punishment is on. */
  received?: number[];
  /** Points this seat gave each seat (own view only). */
  given?: number[];
  /** This seat's payoff for the round (own view only). */
  payoff?: number;
}

export interface PublicGoodsView {
  game: string;
  seat: number | 'spectator';
  players: number;
  endowment: number;
  mpcr: number;
  contributionMode: 'integer' | 'continuous';
  /** 0-based index of the current round (= rounds completed). */
  round: number;
  /** Rounds in the match (a cap when probEnd is set). */
  rounds: number;
  probEnd: number | null;
  stage: 'contribute' | 'punish' | 'over';
  /** This round's contributions seen so far, by seat (null = not seen / not made yet). */
  current: (number | null)[];
  /** Order of moves this round (sequential game), else null. */
  order: number[] | null;
  history: RoundView[];
  ownTotal: number | null;
  /** Punishment stage: the most this seat may spend (its stage-1 earnings this round). */
  budget: number | null;
  punishment: { cost: number; impact: number; maxPoints: number } | null;
  /** Sequential game: the reward parameters (see sequential-reward.ts). */
  reward: { effortCost: number; predecessorBonus: number; threshold: number; penalty: number } | null;
}

const P = MAX_PLAYERS;
const HEAD = 10;
/** 10 scalars + 8 blocks of 32 per-seat values. */
export const OBS_SIZE = HEAD + 8 * P;

/**
 * Layout: [stage contribute, stage punish, sequential?, round/rounds, players/32, mpcr, own mean
 * payoff per round / e, budget / e, spectator?, own position in order / N], then per-seat blocks:
 * own seat one-hot, seat present, current contribution / e, current known?, last round
 * contribution / e, mean past contribution / e, last round points received / maxPoints, points I
 * gave last round / maxPoints.
 */
export function encodeView(v: PublicGoodsView, out: Float32Array = new Float32Array(OBS_SIZE)): Float32Array {
  out.fill(0);
  const e = v.endowment;
  out[0] = v.stage === 'contribute' ? 1 : 0;
  out[1] = v.stage === 'punish' ? 1 : 0;
  out[2] = v.order ? 1 : 0;
  out[3] = Math.min(1, v.round / v.rounds);
  out[4] = v.players / P;
  out[5] = v.mpcr;
  out[6] = v.ownTotal !== null && v.round > 0 ? v.ownTotal / (e * v.round) : 0;
  out[7] = v.budget !== null ? v.budget / e : 0;
  out[8] = v.seat === 'spectator' ? 1 : 0;
  if (v.order && v.seat !== 'spectator') out[9] = v.order.indexOf(v.seat) / v.players;
  const block = (b: number) => HEAD + b * P;
  if (v.seat !== 'spectator') out[block(0) + v.seat] = 1;
  const last = v.history[v.history.length - 1];
  const maxPoints = v.punishment?.maxPoints ?? 1;
  for (let s = 0; s < v.players; s++) {
    out[block(1) + s] = 1;
    const c = v.current[s];
    if (c !== null && c !== undefined) {
      out[block(2) + s] = c / e;
      out[block(3) + s] = 1;
    }
    if (last) {
      out[block(4) + s] = last.contributions[s]! / e;
      if (last.received) out[block(6) + s] = last.received[s]! / maxPoints;
      if (last.given) out[block(7) + s] = last.given[s]! / maxPoints;
    }
    if (v.history.length) {
      let sum = 0;
      for (const r of v.history) sum += r.contributions[s]!;
      out[block(5) + s] = sum / (v.history.length * e);
    }
  }
  return out;
}

const num = (x: number) => (Number.isInteger(x) ? String(x) : x.toFixed(2));
const list = (xs: readonly (number | null)[]) => xs.map((x, s) => `#${s}: ${x === null ? '?' : num(x)}`).join(', ');
const avg = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);

export function renderView(v: PublicGoodsView): string {
  const lines: string[] = [];
  const title = v.order ? 'Sequential public goods' : 'Public goods';
  const horizon = v.probEnd !== null ? `ends with probability ${v.probEnd} after each round` : `of ${v.rounds}`;
  lines.push(
    `${title}: round ${Math.min(v.round + 1, v.rounds)} ${horizon}; ${v.players} players, endowment ${num(v.endowment)}, MPCR ${v.mpcr} (payoff = e − c + MPCR × total).`,
  );
  if (v.reward) {
    const r = v.reward;
    lines.push(
      `Reward redesign: effort cost ${r.effortCost}/unit, predecessor bonus ${r.predecessorBonus}, penalty ${r.penalty} to all when the total is below ${r.threshold}.`,
    );
  }
  lines.push(
    v.seat === 'spectator'
      ? 'You are watching.'
      : `You are seat ${v.seat}; your total so far: ${num(v.ownTotal ?? 0)}.`,
  );
  const last = v.history[v.history.length - 1];
  if (last) {
    lines.push(`Last round contributions: ${list(last.contributions)} (average ${num(avg(last.contributions))}).`);
    if (last.received) lines.push(`Punishment points received: ${list(last.received)}.`);
    if (last.given && last.given.some((p) => p > 0)) lines.push(`You gave: ${list(last.given)}.`);
    if (last.payoff !== undefined) lines.push(`Your payoff last round: ${num(last.payoff)}.`);
  }
  if (v.order)
    lines.push(
      `Order this round: ${v.order.map((s) => `#${s}`).join(' → ')}; contributions so far: ${list(v.current)}.`,
    );
  if (v.stage === 'over') lines.push('The match is over.');
  else if (v.stage === 'contribute') {
    const range =
      v.contributionMode === 'integer' ? `a whole number 0..${v.endowment}` : `any number in [0, ${v.endowment}]`;
    lines.push(`Contribution stage: answer 'contribute X' with X ${range}.`);
  } else {
    const p = v.punishment!;
    lines.push(`This round's contributions: ${list(v.current)}.`);
    lines.push(
      `Punishment stage: each point costs you ${p.cost} and removes ${p.impact} from its target (at most ${p.maxPoints} per target, ` +
        `${v.budget !== null ? `total cost at most ${num(v.budget)}` : 'each player may spend at most its stage-1 earnings'}). Answer 'punish <seat> <points>[, <seat> <points>...]' or 'punish none'.`,
    );
  }
  return lines.join('\n');
}
