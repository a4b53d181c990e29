/**
 * The rules of one round, as pure functions: the rock–paper–scissors draw and the proportional split.
 *
 * Split (their `compute_tas_style_rewards`, mllm/markov_games/negotiation/nego_simulation.py): with
 * claims c₀, c₁ of N coins, seat i receives q_i = N · c_i / max(N, c₀ + c₁) coins — its claim when the
 * claims fit, its proportional share of N when they over-claim. Coins are fractional (their code uses
 * floats; nothing is rounded), and unclaimed coins are lost. Points: p_i = q_i · v_i.
 */
import { Rng, type RngState } from '../core/rng.ts';
import type { Seat } from '../core/types.ts';
import { BEATS, HANDS, type Hand, type TrustSplitConfig } from './config.ts';

/** The seat whose hand wins (hands differ). */
export function winnerOf(hands: readonly [Hand, Hand]): Seat {
  return BEATS[hands[0]] === hands[1] ? 0 : 1;
}

export function valuesOf(config: TrustSplitConfig, hands: readonly [Hand, Hand]): [number, number] {
  const w = winnerOf(hands);
  return w === 0 ? [config.highValue, config.lowValue] : [config.lowValue, config.highValue];
}

/**
 * Draw the round's hands from the engine's PRNG: each seat's hand uniformly, seat 0 then seat 1,
 * and a tie is replayed (both drawn again) until the hands differ. This is their draw in
 * distribution (`rng.choice(hands, size=2, replace=False)`: every ordered pair of different hands
 * with probability 1/6). With `alternateHands`, when the previous winner would win again the two
 * hands are swapped, so the previous loser wins (their `_sample_hands_and_values(alternate_hands=True)`).
 */
export function drawHands(rngState: RngState, previous: readonly [Hand, Hand] | null, alternate: boolean) {
  const rng = Rng.fromState(rngState);
  let a: Hand;
  let b: Hand;
  do {
    a = HANDS[rng.int(3)]!;
    b = HANDS[rng.int(3)]!;
  } while (a === b);
  let hands: [Hand, Hand] = [a, b];
  if (alternate && previous && winnerOf(hands) === winnerOf(previous)) hands = [b, a];
  return { hands, rng: rng.state() };
}

/** Coins received for claims (c₀, c₁) of `coins`: N · c_i / max(N, c₀ + c₁). */
export function splitCoins(coins: number, claims: readonly [number, number]): [number, number] {
  const d = Math.max(coins, claims[0] + claims[1]);
  return [(coins * claims[0]) / d, (coins * claims[1]) / d];
}

/** Points for claims and per-coin values: N · c_i · v_i / max(N, c₀ + c₁) (one rounding). */
export function splitPoints(
  coins: number,
  claims: readonly [number, number],
  values: readonly [number, number],
): [number, number] {
  const d = Math.max(coins, claims[0] + claims[1]);
  return [(coins * claims[0] * values[0]) / d, (coins * claims[1] * values[1]) / d];
}
