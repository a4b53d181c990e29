/**
 * Observation and action features for learned VGC-lite policies (issue 19): the game's structure
 * (type chart, damage formula, speed order, protection, redirection) computed from one seat's
 * view, so that a network scores actions from what matters instead of learning the type chart
 * from one-hots. Everything here reads only the seat's observation (VgcObs): foe stats come from
 * species (level 50, fixed spread), foe moves only once revealed.
 *
 * One input vector of FEATURE_SIZE floats, in four parts:
 *   state   [STATE_SIZE]                 normalised by the policy (running mean/std)
 *   flags   [2]                          raw: phase is preview, phase is move
 *   slots   [2 × 17 × ACTION_FEATURES]   raw: per active slot and per slot code (the game's
 *                                        index space, games/vgc/actions.ts: 3·move + target,
 *                                        12 + party position for a switch, 16 pass)
 *   preview [90 × PREVIEW_FEATURES]      raw: per team-preview choice (PREVIEW order)
 *
 * Per slot code (ACTION_FEATURES = 24, zero when the code means nothing for the slot):
 *   0 valid · 1 move · 2 switch · 3 pass · 4 single target on a foe · 5 targets the ally ·
 *   6 spread · 7 status move · 8 effectiveness (log2 multiplier / 2, mean over the foes a spread
 *   move hits) · 9 expected damage as a fraction of the targets' current HP (each target capped
 *   at 1, summed over spread targets) · 10 expected HP removed (capped at each target's HP) / 100 · 11 knock-out
 *   chance (share of the 16 damage rolls that KO, times accuracy; summed over spread targets) ·
 *   12 priority / 3 · 13 target protected last turn · 14 target has revealed a protect move ·
 *   15 redirected: the foe side has shown a redirection move and the target is not the
 *   redirector · 16 damage to the ally as a fraction of its HP · 17 protect move (self) ·
 *   18 danger to the user: the biggest hit a foe can land, as a share of its current HP (capped
 *   at 2) · 19 the user moves before the target (speed, tailwind, room, priority) · 20 the move
 *   can only work now (first-turn-only move on a fresh creature: 1, on a stale one: −1) ·
 *   21 the user protected last turn · 22 switch: matchup of the incoming creature against the
 *   foes (offence minus defence, agents/vgc/heuristic.ts) · 23 switch: its HP fraction.
 * Per preview choice (PREVIEW_FEATURES = 4): mean matchup of the two leads and of the two in the
 *   back against the foe's six, the leads' mean speed / 200, the weaker lead's matchup.
 * State: phase one-hot (4), turn / cap, room / 5, tailwinds / 4 (2), creatures left / 4 (2),
 *   then for own slot a, own slot b, foe slot a, foe slot b: present, HP fraction, status one-hot
 *   (5), stat stages / 6 (5).
 *
 * Hand-written: these are Ludus's own game facts; the damage numbers come from the engine's formula
 * through agents/vgc/estimate.ts.
 */
import { MOVES, type MoveData } from '../../games/vgc/data/moves.ts';
import { PREVIEW, SLOT_CODES, SWITCH_BASE, PASS } from '../../games/vgc/actions.ts';
import { applyModifiers, baseDamage } from '../../games/vgc/damage.ts';
import { LEVEL, boosted } from '../../games/vgc/stats.ts';
import { typeIndex } from '../../games/vgc/data/types.ts';
import type { MonView, VgcObs } from '../../games/vgc/view.ts';
import { fighter, isSpread, speedOf, threat, typeEffect, type Fighter } from './estimate.ts';
import { matchup } from './heuristic.ts';

export const ACTION_FEATURES = 24;
export const PREVIEW_FEATURES = 4;
export const PREVIEW_CHOICES = PREVIEW.length;
const STATUSES = ['', 'brn', 'par', 'psn', 'slp'];
const MON_STATE = 2 + 5 + 5;
export const STATE_SIZE = 4 + 2 + 2 + 2 + 4 * MON_STATE;
export const FLAGS_OFFSET = STATE_SIZE;
export const SLOTS_OFFSET = FLAGS_OFFSET + 2;
export const PREVIEW_OFFSET = SLOTS_OFFSET + 2 * SLOT_CODES * ACTION_FEATURES;
export const FEATURE_SIZE = PREVIEW_OFFSET + PREVIEW_CHOICES * PREVIEW_FEATURES;
const PHASES = ['preview', 'move', 'switch', 'over'];

/** Expected damage and knock-out chance of one use of `mv` on `def` (engine formula, 16 rolls, accuracy, no crit). */
export function damageOutlook(
  att: Fighter,
  mv: MoveData,
  def: Fighter,
  spread: boolean,
): { expected: number; koChance: number } {
  if (mv.category === 'status' || mv.power === 0) return { expected: 0, koChance: 0 };
  const eff = typeEffect(mv, def);
  if (eff === 0) return { expected: 0, koChance: 0 };
  const phys = mv.category === 'physical';
  const a = boosted(att.stats[phys ? 1 : 3]!, att.boosts[phys ? 0 : 2]!);
  const d = boosted(def.stats[phys ? 2 : 4]!, def.boosts[phys ? 1 : 3]!);
  const base = baseDamage(LEVEL, mv.power, a, d);
  const stab = att.types.includes(typeIndex(mv.type));
  const acc = mv.accuracy === 0 ? 1 : mv.accuracy / 100;
  let sum = 0;
  let kos = 0;
  for (let r = 0; r < 16; r++) {
    const dmg = applyModifiers(base, {
      spread,
      crit: false,
      rollDraw: r,
      stab,
      effectiveness: eff,
      burned: att.burned,
      physical: phys,
    });
    sum += dmg;
    if (dmg >= def.hp) kos++;
  }
  // Crits (1/24, ×1.5) as in estimate.ts's expectedDamage.
  return { expected: (sum / 16) * acc * (1 + 0.5 / 24), koChance: (kos / 16) * acc };
}

interface Active {
  view: MonView;
  f: Fighter;
}

function actives(team: MonView[]): (Active | undefined)[] {
  const out: (Active | undefined)[] = [undefined, undefined];
  for (const m of team) if (m.slot && m.hpPercent > 0) out[m.slot === 'a' ? 0 : 1] = { view: m, f: fighter(m) };
  return out;
}

function eventAt(obs: VgcObs, type: string, seat: number, slot: number): boolean {
  for (const e of obs.events) {
    const ev = e as { type?: string; seat?: number; slot?: number };
    if (ev.type === type && ev.seat === seat && ev.slot === slot) return true;
  }
  return false;
}

function hasMove(f: Fighter, pred: (m: MoveData) => boolean): boolean {
  for (const mi of f.moves) if (pred(MOVES[mi]!)) return true;
  return false;
}

function moveFirst(me: Fighter, mv: MoveData, myTail: boolean, foe: Fighter, foeTail: boolean, room: boolean): number {
  if (mv.priority > 0) return 1;
  const a = speedOf(me, myTail),
    b = speedOf(foe, foeTail);
  return (room ? a < b : a > b) ? 1 : 0;
}

function writeState(obs: VgcObs, own: number, v: Float32Array): void {
  v[PHASES.indexOf(obs.phase)] = 1;
  v[4] = obs.turn / obs.turnCap;
  v[5] = obs.room / 5;
  v[6] = obs.sides[own]!.tailwind / 4;
  v[7] = obs.sides[1 - own]!.tailwind / 4;
  v[8] = obs.sides[own]!.left / 4;
  v[9] = obs.sides[1 - own]!.left / 4;
  let o = 10;
  for (const seat of [own, 1 - own]) {
    for (const slot of ['a', 'b']) {
      const m = obs.sides[seat]!.team.find((t) => t.slot === slot && t.hpPercent > 0);
      if (m) {
        v[o] = 1;
        v[o + 1] = m.hp !== undefined && m.maxHp ? m.hp / m.maxHp : m.hpPercent / 100;
        v[o + 2 + Math.max(0, STATUSES.indexOf(m.status))] = 1;
        if (m.boosts) for (let i = 0; i < 5; i++) v[o + 7 + i] = m.boosts[i]! / 6;
      }
      o += MON_STATE;
    }
  }
}

function writePreview(obs: VgcObs, own: number, v: Float32Array): void {
  const mine = obs.sides[own]!.team.map(fighter);
  const foes = obs.sides[1 - own]!.team.map(fighter);
  const mu = mine.map((f) => matchup(f, foes));
  const speed = mine.map((f) => f.stats[5]! / 200);
  for (let i = 0; i < PREVIEW.length; i++) {
    const [l1, l2, b1, b2] = PREVIEW[i]! as [number, number, number, number];
    const o = PREVIEW_OFFSET + i * PREVIEW_FEATURES;
    v[o] = (mu[l1]! + mu[l2]!) / 2;
    v[o + 1] = (mu[b1]! + mu[b2]!) / 2;
    v[o + 2] = (speed[l1]! + speed[l2]!) / 2;
    v[o + 3] = Math.min(mu[l1]!, mu[l2]!);
  }
}

/**
 * Encode one seat's observation into `out` (length FEATURE_SIZE, default a new array).
 * Spectator views are encoded from seat 0's side. The features of slot codes that mean nothing
 * for the slot now are zero; the game's mask decides legality.
 */
export function encodeFeatures(obs: VgcObs, out?: Float32Array): Float32Array {
  const v = out ?? new Float32Array(FEATURE_SIZE);
  v.fill(0);
  const own = obs.who === 'spectator' ? 0 : obs.who;
  const foe = 1 - own;
  writeState(obs, own, v);
  if (obs.phase === 'preview') {
    v[FLAGS_OFFSET] = 1;
    writePreview(obs, own, v);
    return v;
  }
  if (obs.phase === 'over') return v;
  v[FLAGS_OFFSET + 1] = obs.phase === 'move' ? 1 : 0;
  const mine = actives(obs.sides[own]!.team);
  const foes = actives(obs.sides[foe]!.team);
  const myTail = obs.sides[own]!.tailwind > 0,
    foeTail = obs.sides[foe]!.tailwind > 0,
    room = obs.room > 0;
  // The foe side's redirector: a foe active that has shown a redirection move (or redirected last turn).
  let redirector = -1;
  for (let s = 0; s < 2; s++) {
    const fa = foes[s];
    if (fa && (eventAt(obs, 'redirect', foe, s) || hasMove(fa.f, (m) => !!m.redirect))) redirector = s;
  }
  const foeFighters = foes.filter(Boolean).map((a) => a!.f);
  const bench = obs.sides[own]!.team.filter((m) => m.party !== undefined && !m.slot && m.hpPercent > 0);
  for (let slot = 0; slot < 2; slot++) {
    const base = SLOTS_OFFSET + slot * SLOT_CODES * ACTION_FEATURES;
    const row = (code: number) => base + code * ACTION_FEATURES;
    // Pass is always described (the mask says when it is legal).
    v[row(PASS)] = 1;
    v[row(PASS) + 3] = 1;
    for (const m of bench) {
      const r = row(SWITCH_BASE + m.party! - 1);
      const f = fighter(m);
      v[r] = 1;
      v[r + 2] = 1;
      v[r + 22] = matchup(f, foeFighters);
      v[r + 23] = m.hp !== undefined && m.maxHp ? m.hp / m.maxHp : m.hpPercent / 100;
    }
    const me = mine[slot];
    if (!me || obs.phase !== 'move') continue;
    const ally = mine[1 - slot];
    let danger = 0;
    for (const fa of foes) if (fa) danger = Math.max(danger, threat(fa.f, me.f) / Math.max(1, me.f.hp));
    const fresh = eventAt(obs, 'switch', own, slot);
    const protectedLast = eventAt(obs, 'protect', own, slot);
    for (let mIdx = 0; mIdx < 4; mIdx++) {
      const mv = MOVES[me.f.moves[mIdx]!]!;
      const targeted = mv.target === 'normal';
      for (let t = 0; t < (targeted ? 3 : 1); t++) {
        if (targeted && t < 2 && !foes[t]) continue;
        if (targeted && t === 2 && !ally) continue;
        const r = row(mIdx * 3 + t);
        v[r] = 1;
        v[r + 1] = 1;
        v[r + 4] = targeted && t < 2 ? 1 : 0;
        v[r + 5] = targeted && t === 2 ? 1 : 0;
        v[r + 6] = isSpread(mv) ? 1 : 0;
        v[r + 7] = mv.category === 'status' ? 1 : 0;
        v[r + 12] = mv.priority / 3;
        v[r + 17] = mv.protect ? 1 : 0;
        v[r + 18] = Math.min(2, danger);
        v[r + 20] = mv.firstTurnOnly ? (fresh ? 1 : -1) : 0;
        v[r + 21] = protectedLast ? 1 : 0;
        if (mv.category === 'status' && !isSpread(mv)) continue;
        // The foes this move hits, and whether the spread reduction applies.
        const hit: number[] = targeted ? (t < 2 ? [t] : []) : isSpread(mv) ? [0, 1].filter((s) => foes[s]) : [];
        const hitsAlly = (targeted && t === 2) || (mv.target === 'allOthers' && !!ally);
        const spread = hit.length + (mv.target === 'allOthers' && ally ? 1 : 0) > 1;
        let effSum = 0,
          fracCur = 0,
          hpRemoved = 0,
          ko = 0,
          first = 0;
        for (const s of hit) {
          const tf = foes[s]!.f;
          const eff = typeEffect(mv, tf);
          effSum += eff === 0 ? -2 : Math.log2(eff) / 2;
          const { expected, koChance } = damageOutlook(me.f, mv, tf, spread);
          fracCur += Math.min(1, expected / Math.max(1, tf.hp));
          hpRemoved += Math.min(tf.hp, expected) / 100;
          ko += koChance;
          first = Math.max(first, moveFirst(me.f, mv, myTail, tf, foeTail, room));
          if (eventAt(obs, 'protect', foe, s)) v[r + 13] = 1;
          if (hasMove(tf, (m) => !!m.protect)) v[r + 14] = 1;
          if (targeted && redirector >= 0 && redirector !== s) v[r + 15] = 1;
        }
        if (hit.length) v[r + 8] = effSum / hit.length;
        v[r + 9] = fracCur;
        v[r + 10] = hpRemoved;
        v[r + 11] = ko;
        v[r + 19] = first;
        if (hitsAlly && ally)
          v[r + 16] = Math.min(1, damageOutlook(me.f, mv, ally.f, spread).expected / Math.max(1, ally.f.hp));
      }
    }
  }
  return v;
}
