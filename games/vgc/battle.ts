/**
 * Turn resolution: team preview, forced switches, and a full doubles turn (switches, then moves in
 * priority/speed order, then end-of-turn effects). Everything random — accuracy, critical hits, the
 * damage roll, speed ties, secondary effects, sleep length — is drawn from state.rng, in a fixed order.
 */
import type { GameEvent } from '../core/types.ts';
import { MOVES, type Boosts, type MoveData, type StatusName } from './data/moves.ts';
import { SPECIES } from './data/species.ts';
import { effectiveness, typeIndex } from './data/types.ts';
import { FOCUS_CHARM, ITEMS, MENDING_BERRY, POWER_ORB, SWIFT_SCARF } from './data/items.ts';
import { PASS, SWITCH_BASE, needsSwitch, type PreviewAction, type TurnAction, type SlotChoice } from './actions.ts';
import { applyModifiers, baseDamage, modify } from './damage.ts';
import { sortQueue, type QueueEntry } from './order.ts';
import { LEVEL, boosted } from './stats.ts';
import {
  ATK,
  BOOST_NAMES,
  BRN,
  DEF,
  NONE,
  PAR,
  PSN,
  SLP,
  SPA,
  SPD,
  SPE,
  STATUS_NAMES,
  activeMon,
  aliveCount,
  partyMon,
  type Mon,
  type Side,
  type Status,
  type VgcState,
} from './state.ts';

export const CRIT_CHANCE = 1 / 24;
export const FULL_PARALYSIS_CHANCE = 0.25;
export const TAILWIND_TURNS = 4;
export const ROOM_TURNS = 5;

const FIRE = typeIndex('Fire'),
  ELECTRIC = typeIndex('Electric'),
  POISON = typeIndex('Poison'),
  STEEL = typeIndex('Steel');
const STATUS_CODE: Record<StatusName, Status> = { brn: BRN, par: PAR, psn: PSN, slp: SLP };
/** Type index of each move, looked up once. */
const MOVE_TYPE: readonly number[] = MOVES.map((m) => typeIndex(m.type));

export function hpPercent(m: Mon): number {
  return m.hp <= 0 ? 0 : Math.ceil((100 * m.hp) / m.maxHp);
}

function name(m: Mon): string {
  return SPECIES[m.species]!.name;
}

function ev(state: VgcState, e: GameEvent): void {
  state.events.push(e);
}

/** Effective speed: stage, then tailwind ×2, Swift Scarf ×1.5, then paralysis ×½ (Showdown's ModifySpe order). */
export function effectiveSpeed(side: Side, m: Mon): number {
  let s = boosted(m.stats[SPE]!, m.boosts[SPE]!);
  if (side.tailwind > 0) s *= 2;
  if (m.item === SWIFT_SCARF) s = Math.floor(s * 1.5);
  if (m.status === PAR) s = Math.floor(s / 2);
  return s;
}

function revealItem(state: VgcState, seat: number, slot: number, m: Mon, effect: string): void {
  m.itemRevealed = true;
  ev(state, { type: 'item', seat, slot, species: name(m), item: ITEMS[m.item]!.name, effect });
}

// ---- switching ---------------------------------------------------------------------------------

function leaveField(m: Mon): void {
  m.boosts.fill(0);
  m.protectChain = 0;
  m.protecting = false;
  m.flinched = false;
}

function sendIn(state: VgcState, seat: number, slot: number, pos: number): void {
  const side = state.sides[seat]!;
  const out = activeMon(side, slot);
  if (out) leaveField(out);
  side.active[slot] = pos;
  const m = partyMon(side, pos);
  m.actions = 0;
  m.seen = true;
  ev(state, { type: 'switch', seat, slot, species: name(m), hp: hpPercent(m), status: STATUS_NAMES[m.status] });
}

export function resolvePreview(state: VgcState, actions: readonly (PreviewAction | undefined)[]): void {
  for (let seat = 0; seat < 2; seat++) {
    const side = state.sides[seat]!;
    side.party = actions[seat]!.bring.map((x) => x - 1);
    sendIn(state, seat, 0, 0);
    sendIn(state, seat, 1, 1);
  }
  state.phase = 'move';
}

export function resolveForcedSwitches(state: VgcState, actions: readonly (TurnAction | undefined)[]): void {
  for (let seat = 0; seat < 2; seat++) {
    const a = actions[seat];
    if (!a) continue;
    for (let slot = 0; slot < 2; slot++) {
      const c = slot === 0 ? a.a : a.b;
      if (c !== 'pass' && 'switch' in c) sendIn(state, seat, slot, c.switch - 1);
    }
  }
  state.phase = 'move';
}

// ---- one turn ----------------------------------------------------------------------------------

function codeOfChoice(c: SlotChoice): number {
  if (c === 'pass') return PASS;
  if ('switch' in c) return SWITCH_BASE + c.switch - 1;
  const t = c.target === 'foe2' ? 1 : c.target === 'ally' ? 2 : 0;
  return (c.move - 1) * 3 + t;
}

export function resolveTurn(state: VgcState, actions: readonly (TurnAction | undefined)[]): void {
  const queue: QueueEntry[] = [];
  const users: Mon[] = [];
  for (let seat = 0; seat < 2; seat++) {
    const side = state.sides[seat]!;
    const a = actions[seat]!;
    for (let slot = 0; slot < 2; slot++) {
      const m = activeMon(side, slot);
      if (!m) continue;
      const code = codeOfChoice(slot === 0 ? a.a : a.b);
      if (code === PASS) continue;
      const isSwitch = code >= SWITCH_BASE;
      queue.push({
        seat,
        slot,
        code,
        isSwitch,
        priority: isSwitch ? 0 : MOVES[m.moves[Math.floor(code / 3)]!]!.priority,
        speed: effectiveSpeed(side, m),
      });
    }
  }
  sortQueue(queue, state.room > 0, state.rng);
  for (const q of queue) users.push(activeMon(state.sides[q.seat]!, q.slot)!);
  for (let i = 0; i < queue.length; i++) {
    const q = queue[i]!;
    const side = state.sides[q.seat]!;
    const user = users[i]!;
    if (activeMon(side, q.slot) !== user || user.hp <= 0) continue; // fainted (or replaced) before acting
    if (q.isSwitch) sendIn(state, q.seat, q.slot, q.code - SWITCH_BASE);
    else runMove(state, q.seat, q.slot, user, Math.floor(q.code / 3), q.code % 3);
  }
  endOfTurn(state);
}

/** Can the mon act at all this turn (flinch, sleep, paralysis)? Draws from the PRNG as needed. */
function canAct(state: VgcState, seat: number, slot: number, m: Mon): boolean {
  if (m.flinched) {
    ev(state, { type: 'flinch', seat, slot, species: name(m) });
    return false;
  }
  if (m.status === SLP) {
    if (m.sleep > 0) {
      m.sleep--;
      ev(state, { type: 'asleep', seat, slot, species: name(m) });
      return false;
    }
    m.status = NONE;
    ev(state, { type: 'wake', seat, slot, species: name(m) });
  }
  if (m.status === PAR && state.rng.chance(FULL_PARALYSIS_CHANCE)) {
    ev(state, { type: 'fullpara', seat, slot, species: name(m) });
    return false;
  }
  return true;
}

function runMove(state: VgcState, seat: number, slot: number, user: Mon, moveSlot: number, targetCode: number): void {
  if (!canAct(state, seat, slot, user)) {
    user.protectChain = 0;
    return;
  }
  const mi = user.moves[moveSlot]!;
  const mv = MOVES[mi]!;
  user.actions++;
  user.revealed |= 1 << moveSlot;
  ev(state, { type: 'move', seat, slot, species: name(user), move: mv.name });
  const side = state.sides[seat]!;
  if (!mv.protect) user.protectChain = 0;
  if (mv.firstTurnOnly && user.actions > 1) return fail(state, seat, slot, 'it only works on the first turn out');
  if (mv.protect) {
    // Each consecutive success divides the odds by 3 (Showdown's stall counter).
    if (state.rng.chance(1 / 3 ** user.protectChain)) {
      user.protecting = true;
      user.protectChain++;
      ev(state, { type: 'protect', seat, slot, species: name(user) });
    } else {
      user.protectChain = 0;
      fail(state, seat, slot, 'the protection failed');
    }
    return;
  }
  switch (mv.target) {
    case 'self':
      if (mv.redirect) {
        side.redirect = slot;
        ev(state, { type: 'redirect', seat, slot, species: name(user) });
      }
      if (mv.boosts) applyBoosts(state, seat, slot, user, mv.boosts);
      if (mv.heal) heal(state, seat, slot, user, mv.heal);
      return;
    case 'ally': {
      const ally = activeMon(side, 1 - slot);
      if (!ally) return fail(state, seat, slot, 'there is no ally');
      if (mv.boosts) applyBoosts(state, seat, 1 - slot, ally, mv.boosts);
      if (mv.heal) heal(state, seat, 1 - slot, ally, mv.heal);
      return;
    }
    case 'side':
      if (side.tailwind > 0) return fail(state, seat, slot, 'the tailwind is already blowing');
      side.tailwind = TAILWIND_TURNS;
      ev(state, { type: 'tailwind', seat, on: true });
      return;
    case 'field':
      if (state.room > 0) {
        state.room = 0;
        ev(state, { type: 'room', on: false });
      } else {
        state.room = ROOM_TURNS;
        ev(state, { type: 'room', on: true });
      }
      return;
  }
  // Moves that hit creatures: collect the targets (seat*2 + slot), then hit each one.
  const targets: number[] = [];
  const foeSeat = 1 - seat;
  const foe = state.sides[foeSeat]!;
  if (mv.target === 'normal') {
    if (targetCode === 2) {
      if (activeMon(side, 1 - slot)) targets.push(seat * 2 + (1 - slot));
    } else {
      let t = targetCode;
      if (foe.redirect >= 0 && activeMon(foe, foe.redirect)) t = foe.redirect;
      else if (!activeMon(foe, t)) t = 1 - t; // the chosen foe is gone: hit the other one
      if (activeMon(foe, t)) targets.push(foeSeat * 2 + t);
    }
  } else {
    for (let t = 0; t < 2; t++) if (activeMon(foe, t)) targets.push(foeSeat * 2 + t);
    if (mv.target === 'allOthers' && activeMon(side, 1 - slot)) targets.push(seat * 2 + (1 - slot));
  }
  if (targets.length === 0) return fail(state, seat, slot, 'there is no target');
  const spread = targets.length > 1;
  let dealtTotal = 0;
  let hitAny = false;
  for (const code of targets) {
    const ts = code >> 1,
      tslot = code & 1;
    const target = activeMon(state.sides[ts]!, tslot)!;
    if (target.protecting) {
      ev(state, { type: 'protected', seat: ts, slot: tslot, species: name(target) });
      continue;
    }
    if (mv.category === 'status') {
      if (mv.accuracy > 0 && !state.rng.chance(mv.accuracy / 100)) {
        ev(state, { type: 'miss', seat: ts, slot: tslot, species: name(target) });
        continue;
      }
      if (mv.status) inflict(state, ts, tslot, target, STATUS_CODE[mv.status], true);
      if (mv.boosts) applyBoosts(state, ts, tslot, target, mv.boosts);
      continue;
    }
    const eff = effectiveness(MOVE_TYPE[mi]!, target.type1, target.type2);
    if (eff === 0) {
      ev(state, { type: 'immune', seat: ts, slot: tslot, species: name(target) });
      continue;
    }
    if (mv.accuracy > 0 && !state.rng.chance(mv.accuracy / 100)) {
      ev(state, { type: 'miss', seat: ts, slot: tslot, species: name(target) });
      continue;
    }
    hitAny = true;
    const dealt = hit(state, user, mv, MOVE_TYPE[mi]!, ts, tslot, target, eff, spread);
    dealtTotal += dealt;
    if (mv.secondary && target.hp > 0 && state.rng.chance(mv.secondary.chance / 100)) {
      const s = mv.secondary;
      if (s.status) inflict(state, ts, tslot, target, STATUS_CODE[s.status], false);
      if (s.flinch) target.flinched = true;
      if (s.boosts) applyBoosts(state, ts, tslot, target, s.boosts);
    }
  }
  if (!hitAny) return;
  if (mv.selfBoosts && user.hp > 0) applyBoosts(state, seat, slot, user, mv.selfBoosts);
  if (mv.drain && dealtTotal > 0 && user.hp > 0)
    heal(state, seat, slot, user, 0, Math.max(1, Math.round(dealtTotal * mv.drain)));
  if (mv.recoil && dealtTotal > 0 && user.hp > 0) {
    const r = Math.max(1, Math.round(dealtTotal * mv.recoil));
    damageMon(state, seat, slot, user, r, 'recoil');
  }
  if (user.item === POWER_ORB && user.hp > 0) {
    revealItem(state, seat, slot, user, 'costs HP');
    damageMon(state, seat, slot, user, Math.max(1, Math.floor(user.maxHp / 10)), 'item');
  }
}

/** One damaging hit; returns the HP actually removed. */
function hit(
  state: VgcState,
  user: Mon,
  mv: MoveData,
  mt: number,
  ts: number,
  tslot: number,
  target: Mon,
  eff: number,
  spread: boolean,
): number {
  const physical = mv.category === 'physical';
  const aStat = physical ? ATK : SPA,
    dStat = physical ? DEF : SPD;
  const crit = state.rng.chance(CRIT_CHANCE);
  // A critical hit ignores the attacker's drops and the defender's raises (Showdown getDamage).
  const aStage = crit && user.boosts[aStat]! < 0 ? 0 : user.boosts[aStat]!;
  const dStage = crit && target.boosts[dStat]! > 0 ? 0 : target.boosts[dStat]!;
  const base = baseDamage(LEVEL, mv.power, boosted(user.stats[aStat]!, aStage), boosted(target.stats[dStat]!, dStage));
  const dmg = applyModifiers(base, {
    spread,
    crit,
    rollDraw: state.rng.int(16),
    stab: user.type1 === mt || user.type2 === mt,
    effectiveness: eff,
    burned: user.status === BRN,
    physical,
  });
  const final = user.item === POWER_ORB ? modify(dmg, 5324 / 4096) : dmg; // Life-Orb-like final modifier
  return damageMon(state, ts, tslot, target, final, 'hit', eff, crit);
}

function damageMon(
  state: VgcState,
  seat: number,
  slot: number,
  m: Mon,
  amount: number,
  cause: string,
  eff = 1,
  crit = false,
): number {
  let charm = false;
  if (cause === 'hit' && m.item === FOCUS_CHARM && !m.itemUsed && m.hp === m.maxHp && amount >= m.hp) {
    amount = m.hp - 1;
    m.itemUsed = true;
    charm = true;
  }
  const dealt = Math.min(amount, m.hp);
  m.hp -= dealt;
  ev(state, {
    type: 'damage',
    seat,
    slot,
    species: name(m),
    cause,
    hp: hpPercent(m),
    ...(eff !== 1 ? { eff } : {}),
    ...(crit ? { crit } : {}),
  });
  if (charm) revealItem(state, seat, slot, m, 'held on');
  if (m.hp > 0 && m.item === MENDING_BERRY && !m.itemUsed && m.hp * 2 <= m.maxHp) {
    m.itemUsed = true;
    revealItem(state, seat, slot, m, 'restored HP');
    heal(state, seat, slot, m, 0, Math.floor(m.maxHp / 4));
  }
  if (m.hp <= 0) {
    ev(state, { type: 'faint', seat, slot, species: name(m) });
    const side = state.sides[seat]!;
    leaveField(m);
    side.active[slot] = -1;
    if (side.redirect === slot) side.redirect = -1;
  }
  return dealt;
}

function heal(
  state: VgcState,
  seat: number,
  slot: number,
  m: Mon,
  fraction: number,
  amount = Math.round(m.maxHp * fraction),
): void {
  if (m.hp >= m.maxHp) {
    if (fraction > 0) fail(state, seat, slot, 'HP is already full');
    return;
  }
  m.hp = Math.min(m.maxHp, m.hp + amount);
  ev(state, { type: 'heal', seat, slot, species: name(m), hp: hpPercent(m) });
}

function statusImmune(m: Mon, s: Status): boolean {
  const has = (t: number) => m.type1 === t || m.type2 === t;
  return (s === BRN && has(FIRE)) || (s === PAR && has(ELECTRIC)) || (s === PSN && (has(POISON) || has(STEEL)));
}

function inflict(state: VgcState, seat: number, slot: number, m: Mon, s: Status, announceFailure: boolean): void {
  if (m.status !== NONE || statusImmune(m, s)) {
    if (announceFailure)
      fail(state, seat, slot, m.status !== NONE ? 'it already has a status' : 'it is immune to that status');
    return;
  }
  m.status = s;
  if (s === SLP) m.sleep = 1 + state.rng.int(3); // skips 1..3 turns, then wakes and acts
  ev(state, { type: 'status', seat, slot, species: name(m), status: STATUS_NAMES[s] });
}

function applyBoosts(state: VgcState, seat: number, slot: number, m: Mon, b: Boosts): void {
  for (let k = 0; k < 5; k++) {
    const by = b[BOOST_NAMES[k]!];
    if (!by) continue;
    const before = m.boosts[k]!;
    const after = Math.max(-6, Math.min(6, before + by));
    if (after === before) continue;
    m.boosts[k] = after;
    ev(state, { type: 'boost', seat, slot, species: name(m), stat: BOOST_NAMES[k], by: after - before });
  }
}

function fail(state: VgcState, seat: number, slot: number, why: string): void {
  ev(state, { type: 'fail', seat, slot, why });
}

// ---- end of turn -------------------------------------------------------------------------------

function endOfTurn(state: VgcState): void {
  const residualFrom = state.events.length;
  for (let seat = 0; seat < 2; seat++) {
    const side = state.sides[seat]!;
    for (let slot = 0; slot < 2; slot++) {
      const m = activeMon(side, slot);
      if (!m) continue;
      if (m.status === BRN) damageMon(state, seat, slot, m, Math.max(1, Math.floor(m.maxHp / 16)), 'burn');
      else if (m.status === PSN) damageMon(state, seat, slot, m, Math.max(1, Math.floor(m.maxHp / 8)), 'poison');
    }
  }
  for (let seat = 0; seat < 2; seat++) {
    const side = state.sides[seat]!;
    side.redirect = -1;
    for (const i of side.party) {
      const m = side.team[i]!;
      m.protecting = false;
      m.flinched = false;
    }
    if (side.tailwind > 0 && --side.tailwind === 0) ev(state, { type: 'tailwind', seat, on: false });
  }
  if (state.room > 0 && --state.room === 0) ev(state, { type: 'room', on: false });
  state.turn++;
  decide(state, residualFrom);
  if ((state.phase as string) !== 'over')
    state.phase = needsSwitch(state.sides[0]!) || needsSwitch(state.sides[1]!) ? 'switch' : 'move';
}

/**
 * Ends the battle when a side has nothing left, or at the turn cap. `residualFrom` is the index in
 * this turn's events where the end-of-turn damage (burn, poison) began.
 */
function decide(state: VgcState, residualFrom: number): void {
  const left = [aliveCount(state.sides[0]!), aliveCount(state.sides[1]!)];
  if (left[0] === 0 || left[1] === 0) {
    return finish(state, left[0] === left[1] ? lastStanding(state, residualFrom) : left[0]! > 0 ? 0 : 1, 'all-fainted');
  }
  if (state.turn < state.config.turnCap) return;
  if (left[0] !== left[1]) return finish(state, left[0]! > left[1]! ? 0 : 1, 'turn-cap');
  const frac = state.sides.map((s) => s.party.reduce((acc, i) => acc + s.team[i]!.hp / s.team[i]!.maxHp, 0));
  finish(state, frac[0] === frac[1] ? null : frac[0]! > frac[1]! ? 0 : 1, 'turn-cap');
}

/**
 * Both sides ran out of creatures in the same turn: the side that ran out first loses. Showdown ends
 * a battle the moment a side has nothing left (sim/battle.ts checkWin after each faint), and when
 * both run out at once (a recoil or Power Orb KO right after knocking out the last foe) it gives the
 * win to the side that fainted last (gen ≥ 5). Ludus plays the turn to its end, so without this a
 * side whose last creature was knocked out could still draw if the winner's last creature then fell
 * to recoil, burn or poison later in the same turn. Only when both sides run out during the
 * end-of-turn damage, which hits both at the same moment here, is it a draw.
 */
function lastStanding(state: VgcState, residualFrom: number): number | null {
  const lastFaint = [-1, -1];
  state.events.forEach((e, i) => {
    if (e.type === 'faint') lastFaint[e.seat as number] = i;
  });
  const [f0, f1] = lastFaint as [number, number];
  if (f0 >= residualFrom && f1 >= residualFrom) return null;
  return f0 < f1 ? 1 : 0;
}

function finish(state: VgcState, winner: number | null, reason: string): void {
  state.phase = 'over';
  state.winner = winner;
  state.reason = reason;
  ev(state, { type: 'end', winner, reason });
}
