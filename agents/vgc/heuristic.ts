/**
 * A heuristic doubles player, in the spirit of poke-env's SimpleHeuristicsPlayer, adapted to doubles:
 *  - team preview: brings the four with the best average matchup against the six it sees, best two lead;
 *  - attacks by value (share of the target's remaining HP, a bonus for a KO, priority when it secures one),
 *    avoids spread moves that hurt its ally, and does not pile two KOs on one foe;
 *  - uses Protect when a foe can knock it out (not twice in a row), the first-turn flinch move on
 *    the most threatening foe, speed control when its side is slower, status on the right targets;
 *  - switches out of a lost matchup when it has nothing useful to do, to the bench creature that
 *    matches up best; replaces fainted creatures the same way.
 */
import type { AgentSpec } from '../core/agent.ts';
import type { Rng } from '../../games/core/rng.ts';
import { MOVES, type MoveData } from '../../games/vgc/data/moves.ts';
import { typeIndex } from '../../games/vgc/data/types.ts';
import type { SlotChoice, TurnAction, VgcAction } from '../../games/vgc/actions.ts';
import type { MonView, VgcObs } from '../../games/vgc/view.ts';
import { expectedDamage, fighter, isSpread, speedOf, threat, typeEffect, type Fighter } from './estimate.ts';
import { readField, type Field } from './context.ts';

const FIRE = typeIndex('Fire'),
  ELECTRIC = typeIndex('Electric'),
  POISON = typeIndex('Poison'),
  STEEL = typeIndex('Steel');

/** Offence minus defence of `me` against a set of foes, in shares of a creature's HP. */
export function matchup(me: Fighter, foes: readonly Fighter[]): number {
  if (foes.length === 0) return 0;
  let score = 0;
  for (const f of foes) {
    let off = 0;
    for (const mi of me.moves) off = Math.max(off, expectedDamage(me, MOVES[mi]!, f, false) / f.stats[0]!);
    score += Math.min(1, off) - Math.min(1, threat(f, me) / me.stats[0]!);
  }
  return score / foes.length;
}

/** Danger to `me` this turn: the biggest hit a foe can land, as a share of its remaining HP. */
function danger(field: Field, me: Fighter): number {
  let d = 0;
  for (const f of field.foes) if (f) d = Math.max(d, threat(f, me) / Math.max(1, me.hp));
  return d;
}

function outspeeds(field: Field, a: Fighter, aMine: boolean, b: Fighter): boolean {
  const sa = speedOf(a, aMine ? field.myTailwind : field.foeTailwind);
  const sb = speedOf(b, aMine ? field.foeTailwind : field.myTailwind);
  return field.room ? sa < sb : sa > sb;
}

function statusImmune(f: Fighter, s: string): boolean {
  const t = f.types;
  return (
    (s === 'brn' && t.includes(FIRE)) ||
    (s === 'par' && t.includes(ELECTRIC)) ||
    (s === 'psn' && (t.includes(POISON) || t.includes(STEEL)))
  );
}

interface Memory {
  /** Species in each own slot at the last move decision, and what it chose. */
  lastSpecies: (string | undefined)[];
  protectedLast: boolean[];
}

function attackValue(
  field: Field,
  slot: number,
  me: Fighter,
  mv: MoveData,
  target: string | undefined,
  fresh: boolean,
): number {
  const ally = field.mine[1 - slot];
  if (mv.firstTurnOnly && !fresh) return -1;
  if (isSpread(mv)) {
    const live = field.foes.filter((f): f is Fighter => !!f);
    const hitsAlly = mv.target === 'allOthers' && ally;
    const spread = live.length + (hitsAlly ? 1 : 0) > 1;
    let v = 0;
    for (const f of live) {
      const d = expectedDamage(me, mv, f, spread);
      v += Math.min(d, f.hp) / f.stats[0]! + (d >= f.hp ? 0.5 : 0);
    }
    if (hitsAlly) {
      const d = expectedDamage(me, mv, ally, spread);
      v -= 1.5 * (Math.min(d, ally.hp) / ally.stats[0]!) + (d >= ally.hp ? 1 : 0);
    }
    return v;
  }
  if (target === 'ally') return -1;
  const f = field.foes[target === 'foe2' ? 1 : 0] ?? field.foes[target === 'foe2' ? 0 : 1];
  if (!f) return -1;
  const d = expectedDamage(me, mv, f, false);
  const ko = d >= f.hp;
  let v = Math.min(d, f.hp) / f.stats[0]! + (ko ? 0.5 : 0);
  if (ko && mv.priority > 0 && outspeeds(field, f, false, me)) v += 0.25;
  if (mv.firstTurnOnly && typeEffect(mv, f) > 0)
    v += 0.3 + 0.3 * Math.min(1, threat(f, me) / me.hp + threat(f, ally ?? me) / (ally ?? me).hp);
  if (mv.recoil) v -= ((mv.recoil * Math.min(d, f.hp)) / me.stats[0]!) * 0.5;
  return v;
}

function statusValue(
  field: Field,
  slot: number,
  me: Fighter,
  mv: MoveData,
  target: string | undefined,
  mem: Memory,
): number {
  const ally = field.mine[1 - slot];
  const dz = danger(field, me);
  const foes = field.foes.filter((f): f is Fighter => !!f);
  if (mv.protect) return mem.protectedLast[slot] ? 0.02 : dz >= 1 ? 0.55 : 0.25 * dz;
  if (mv.tailwind)
    return !field.myTailwind && foes.some((f) => speedOf(f, field.foeTailwind) > speedOf(me, false)) ? 0.45 : -0.5;
  if (mv.room) {
    const mine = field.mine.filter((f): f is Fighter => !!f);
    const slower =
      mine.reduce((a, f) => a + speedOf(f, field.myTailwind), 0) / mine.length <
      foes.reduce((a, f) => a + speedOf(f, field.foeTailwind), 0) / Math.max(1, foes.length);
    return field.room ? (slower ? -1 : 0.4) : slower ? 0.5 : -1;
  }
  if (mv.redirect) return ally && danger(field, ally) >= 1 && dz < 0.6 ? 0.3 : -0.2;
  if (mv.heal && mv.target === 'self')
    return me.hp / me.stats[0]! < 0.5 ? 0.5 * (1 - me.hp / me.stats[0]!) + 0.1 : -0.5;
  if (mv.heal && mv.target === 'ally') return ally && ally.hp / ally.stats[0]! < 0.5 ? 0.4 : -0.5;
  if (mv.target === 'ally') return ally ? 0.1 : -1;
  if (mv.boosts && mv.target === 'self') return dz < 0.5 && me.hp / me.stats[0]! > 0.6 ? 0.3 : -0.1;
  if (mv.boosts && mv.target === 'foes') return 0.08 * foes.filter((f) => f.stats[1]! > f.stats[3]!).length;
  if (mv.status) {
    if (target === 'ally') return -1;
    const f = field.foes[target === 'foe2' ? 1 : 0] ?? field.foes[target === 'foe2' ? 0 : 1];
    if (!f || f.status || statusImmune(f, mv.status)) return -0.5;
    const acc = mv.accuracy ? mv.accuracy / 100 : 1;
    const gain =
      mv.status === 'slp'
        ? 0.5
        : mv.status === 'par'
          ? outspeeds(field, f, false, me)
            ? 0.4
            : 0.2
          : mv.status === 'brn'
            ? f.stats[1]! > f.stats[3]!
              ? 0.45
              : 0.15
            : 0.25;
    return gain * acc;
  }
  return 0;
}

function slotValue(field: Field, slot: number, c: SlotChoice, mem: Memory, fresh: boolean): number {
  const me = field.mine[slot];
  if (c === 'pass') return 0;
  if ('switch' in c) {
    const incoming = field.bench.get(c.switch);
    if (!incoming || !me) return -1;
    const foes = field.foes.filter((f): f is Fighter => !!f);
    let bestAttack = 0;
    for (const mi of me.moves) {
      const mv = MOVES[mi]!;
      if (mv.category !== 'status')
        for (const f of foes) bestAttack = Math.max(bestAttack, expectedDamage(me, mv, f, false) / f.stats[0]!);
    }
    const gain = matchup(incoming, foes) - matchup(me, foes);
    return danger(field, me) >= 1 && bestAttack < 0.3 && gain > 0.3 ? 0.3 + 0.3 * gain : -1;
  }
  if (!me) return -1;
  const mv = MOVES[me.moves[c.move - 1]!]!;
  return mv.category === 'status'
    ? statusValue(field, slot, me, mv, c.target, mem)
    : attackValue(field, slot, me, mv, c.target, fresh);
}

function singleKo(field: Field, slot: number, c: SlotChoice): number {
  // Which foe slot this choice alone is expected to knock out (-1 if none).
  if (c === 'pass' || 'switch' in c || !c.target || c.target === 'ally') return -1;
  const me = field.mine[slot];
  if (!me) return -1;
  const mv = MOVES[me.moves[c.move - 1]!]!;
  const t = c.target === 'foe2' ? 1 : 0;
  const f = field.foes[t];
  return f && mv.category !== 'status' && expectedDamage(me, mv, f, false) >= f.hp ? t : -1;
}

function key(c: SlotChoice): string {
  return typeof c === 'string' ? c : 'switch' in c ? `s${c.switch}` : `m${c.move}${c.target ?? ''}`;
}

function preview(obs: VgcObs, seat: number, legal: VgcAction[], rng: Rng): VgcAction {
  const mine = obs.sides[seat]!.team.map(fighter);
  const foes = obs.sides[1 - seat]!.team.map((m: MonView) => fighter(m));
  const scored = mine.map((f, i) => ({ i: i + 1, s: matchup(f, foes) + f.stats[5]! / 2000 + rng.float() * 1e-6 }));
  scored.sort((a, b) => b.s - a.s);
  const lead = [scored[0]!.i, scored[1]!.i].sort((a, b) => a - b);
  const back = [scored[2]!.i, scored[3]!.i].sort((a, b) => a - b);
  const want = [...lead, ...back].join(',');
  return legal.find((a) => 'bring' in a && a.bring.join(',') === want) ?? rng.pick(legal);
}

export const heuristicAgent: AgentSpec = {
  id: 'heuristic',
  games: ['vgc'],
  title: 'Heuristic',
  description:
    'Matchup-based team preview, value-based targeting with KO focus, Protect under threat, speed control and status use, sensible switching.',
  source: "after poke-env's SimpleHeuristicsPlayer, adapted to doubles",
  create({ rng, seat }) {
    const mem: Memory = { lastSpecies: [undefined, undefined], protectedLast: [false, false] };
    return {
      act(obs: VgcObs, info) {
        const legal = info.legal as VgcAction[];
        if (obs.phase === 'preview') return preview(obs, seat, legal, rng);
        const field = readField(obs, seat);
        const fresh = field.mine.map((f, s) => !!f && f.species !== mem.lastSpecies[s]);
        if (obs.phase === 'move') {
          // A creature that was not in this slot at our last decision has just come in.
          for (let s = 0; s < 2; s++) if (fresh[s]) mem.protectedLast[s] = false;
        }
        const cache = new Map<string, number>();
        const value = (slot: number, c: SlotChoice): number => {
          const k = slot + key(c);
          let v = cache.get(k);
          if (v === undefined) {
            v = obs.phase === 'switch' ? switchInValue(field, c) : slotValue(field, slot, c, mem, fresh[slot]!);
            cache.set(k, v);
          }
          return v;
        };
        let best: TurnAction | undefined;
        let bestScore = -Infinity;
        for (const a of legal) {
          if ('bring' in a) continue;
          let s = value(0, a.a) + value(1, a.b);
          const ka = singleKo(field, 0, a.a);
          if (ka >= 0 && ka === singleKo(field, 1, a.b)) s -= 0.6; // do not spend two attacks on one KO
          s += rng.float() * 1e-3;
          if (s > bestScore) {
            bestScore = s;
            best = a;
          }
        }
        const choice = best ?? (rng.pick(legal) as TurnAction);
        if (obs.phase === 'move') {
          for (let s = 0; s < 2; s++) {
            const c = s === 0 ? choice.a : choice.b;
            const me = field.mine[s];
            mem.protectedLast[s] = !!me && c !== 'pass' && 'move' in c && !!MOVES[me.moves[c.move - 1]!]!.protect;
            mem.lastSpecies[s] = me?.species;
          }
        }
        return choice;
      },
    };
  },
};

/** Forced switch: the bench creature with the best matchup against the foes on the field. */
function switchInValue(field: Field, c: SlotChoice): number {
  if (c === 'pass' || !('switch' in c)) return 0;
  const f = field.bench.get(c.switch);
  return f
    ? 1 +
        matchup(
          f,
          field.foes.filter((x): x is Fighter => !!x),
        )
    : 0;
}
