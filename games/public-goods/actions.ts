/**
 * Actions of both public goods games: their JSON schema, their text form, and the discrete index
 * space for networks.
 *
 *   { type: 'contribute', amount }    text: 'contribute 12' (or just '12')
 *   { type: 'punish', points: [...] } text: 'punish 3 2' (2 points to seat 3), 'punish 3 2, 1 4',
 *                                     'punish none'. `points[j]` = points assigned to seat j.
 *
 * Index space (fixed per config): [0, L) are contribution levels (0..e in integer mode, a grid of
 * `levels` values in continuous mode); with punishment, index L is "punish nobody" and
 * L + 1 + t·maxPunish + (p − 1) is "p points to seat t", padded to 32 targets so that one network
 * fits every group size. Punishing several seats at once is a legal action with no exact index:
 * actionToIndex maps it to its largest single entry (lossy, documented).
 */
import { z } from 'zod';
import { GameError } from '../core/errors.ts';
import { MAX_PLAYERS, amountLevel, levelAmount, levelCount, type CommonConfig } from './config.ts';

export const contributeSchema = z.strictObject({ type: z.literal('contribute'), amount: z.number() });
export const punishSchema = z.strictObject({
  type: z.literal('punish'),
  points: z.array(z.number().int().min(0)).max(MAX_PLAYERS),
});
export const publicGoodsActionSchema = z.discriminatedUnion('type', [contributeSchema, punishSchema]);

export type ContributeAction = z.infer<typeof contributeSchema>;
export type PunishAction = z.infer<typeof punishSchema>;
export type PublicGoodsAction = ContributeAction | PunishAction;

export const contribute = (amount: number): ContributeAction => ({ type: 'contribute', amount });
export const punish = (points: number[]): PunishAction => ({ type: 'punish', points });

/** Contribution rule shared by both games: a number in [0, e], whole in integer mode. */
export function checkContribution(c: CommonConfig, amount: number): void {
  if (!(amount >= 0)) throw new GameError('ILLEGAL_ACTION', `a contribution cannot be negative (got ${amount})`);
  if (amount > c.endowment)
    throw new GameError('ILLEGAL_ACTION', `a contribution cannot exceed the endowment ${c.endowment} (got ${amount})`);
  if (c.contributions === 'integer' && !Number.isInteger(amount)) {
    throw new GameError('ILLEGAL_ACTION', `contributions are whole numbers in this game (got ${amount})`);
  }
}

export function actionText(a: PublicGoodsAction): string {
  if (a.type === 'contribute') return `contribute ${a.amount}`;
  const parts: string[] = [];
  a.points.forEach((p, seat) => {
    if (p > 0) parts.push(`${seat} ${p}`);
  });
  return parts.length ? `punish ${parts.join(', ')}` : 'punish none';
}

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?$/i;

/** Parse a text action; `players` sizes the punishment vector. Legality is checked later. */
export function parseActionText(text: string, players: number): PublicGoodsAction {
  const t = text.trim().toLowerCase().replace(/\s+/g, ' ');
  const bad = (why: string) =>
    new GameError(
      'PARSE',
      `cannot read ${JSON.stringify(text)}: ${why}; try 'contribute 12', 'punish 3 2' or 'punish none'`,
    );
  if (NUMBER.test(t)) return contribute(Number(t));
  const words = t.split(' ');
  const verb = words[0];
  if (verb === 'contribute' || verb === 'c' || verb === 'give') {
    if (words.length !== 2 || !NUMBER.test(words[1]!)) throw bad('expected one number after contribute');
    return contribute(Number(words[1]));
  }
  if (verb === 'punish' || verb === 'p') {
    const rest = t.slice(verb.length).trim();
    const points = new Array<number>(players).fill(0);
    if (rest === '' || rest === 'none' || rest === 'nobody') return punish(points);
    const nums = rest.split(/[\s,;]+/).filter(Boolean);
    if (nums.length % 2 !== 0 || !nums.every((x) => /^\d+$/.test(x))) throw bad('expected pairs "<seat> <points>"');
    for (let i = 0; i < nums.length; i += 2) {
      const seat = Number(nums[i]);
      if (seat >= players) throw bad(`there is no seat ${seat} (seats 0..${players - 1})`);
      points[seat] += Number(nums[i + 1]);
    }
    return punish(points);
  }
  if (t === 'none' || t === 'no punishment' || t === 'pass') return punish(new Array<number>(players).fill(0));
  throw bad('unknown action');
}

/** Size of the discrete index space. */
export function actionCount(c: CommonConfig, maxPunish: number | null): number {
  return levelCount(c) + (maxPunish === null ? 0 : 1 + MAX_PLAYERS * maxPunish);
}

export function indexToAction(c: CommonConfig, maxPunish: number | null, index: number): PublicGoodsAction {
  const n = actionCount(c, maxPunish);
  if (!Number.isInteger(index) || index < 0 || index >= n)
    throw new GameError('ILLEGAL_ACTION', `action index ${index} is outside [0, ${n})`);
  const levels = levelCount(c);
  if (index < levels) return contribute(levelAmount(c, index));
  const points = new Array<number>(c.players).fill(0);
  if (index === levels) return punish(points);
  const k = index - levels - 1;
  const target = Math.floor(k / maxPunish!);
  if (target >= c.players)
    throw new GameError(
      'ILLEGAL_ACTION',
      `action index ${index} targets seat ${target}, but there are ${c.players} seats`,
    );
  points[target] = (k % maxPunish!) + 1;
  return punish(points);
}

export function actionToIndex(c: CommonConfig, maxPunish: number | null, a: PublicGoodsAction): number {
  if (a.type === 'contribute') return amountLevel(c, a.amount);
  if (maxPunish === null) throw new GameError('ILLEGAL_ACTION', 'this game has no punishment stage');
  const levels = levelCount(c);
  let target = -1;
  let most = 0;
  a.points.forEach((p, seat) => {
    if (p > most) [target, most] = [seat, p];
  });
  if (target < 0) return levels;
  return levels + 1 + target * maxPunish + (Math.min(most, maxPunish) - 1);
}
