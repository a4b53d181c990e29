/**
 * Actions, their schema, and the fixed discrete index space.
 *
 * JSON forms (numbers are 1-based, as people count):
 *   team preview: {bring: [3, 1, 6, 2]}  — the 4 brought team members, the first two lead
 *   a turn:       {a: {move: 2, target: 'foe2'}, b: {switch: 3}}  — one choice per active slot;
 *                 a slot choice is {move, target?} | {switch: party position 1..4} | 'pass'.
 *   `target` is 'foe1' | 'foe2' | 'ally' for single-target moves and absent for every other move.
 *
 * Index space (n = 289, one space for both phases):
 *   preview: index i < 90 is the i-th (lead pair, back pair) combination, C(6,2)·C(4,2) = 90.
 *   turns:   index = codeA·17 + codeB, with a slot code of 3·move + target (target 0 = foe1,
 *            1 = foe2, 2 = ally; untargeted moves use target 0) for moves 0..3, 12 + p for a switch
 *            to party position p, and 16 for pass. The mask is exact: 1 iff the action is legal.
 */
import { z } from 'zod';
import { GameError } from '../core/errors.ts';
import { MOVES } from './data/moves.ts';
import { activeMon, partyMon, type Side, type VgcState } from './state.ts';

export const SLOT_CODES = 17;
export const ACTION_SPACE_N = SLOT_CODES * SLOT_CODES;
export const SWITCH_BASE = 12;
export const PASS = 16;
export const TARGET_NAMES = ['foe1', 'foe2', 'ally'] as const;
export type TargetName = (typeof TARGET_NAMES)[number];

const slotSchema = z.union([
  z.object({ move: z.number().int().min(1).max(9), target: z.enum(TARGET_NAMES).optional() }).strict(),
  z.object({ switch: z.number().int().min(1).max(9) }).strict(),
  z.literal('pass'),
]);
export type SlotChoice = z.infer<typeof slotSchema>;
const previewSchema = z.object({ bring: z.array(z.number().int().min(1).max(9)).length(4) }).strict();
const turnSchema = z.object({ a: slotSchema, b: slotSchema }).strict();
export const actionSchema = z.union([previewSchema, turnSchema]);
export type PreviewAction = z.infer<typeof previewSchema>;
export type TurnAction = z.infer<typeof turnSchema>;
export type VgcAction = PreviewAction | TurnAction;

export function isPreview(a: VgcAction): a is PreviewAction {
  return (a as PreviewAction).bring !== undefined;
}

// ---- team preview: the 90 canonical choices ---------------------------------------------------

/** PREVIEW[i] = 0-based team indices [lead1, lead2, back1, back2], leads and backs each ascending. */
export const PREVIEW: readonly (readonly number[])[] = (() => {
  const out: number[][] = [];
  for (let i = 0; i < 6; i++)
    for (let j = i + 1; j < 6; j++) {
      const rest = [0, 1, 2, 3, 4, 5].filter((x) => x !== i && x !== j);
      for (let k = 0; k < 4; k++) for (let l = k + 1; l < 4; l++) out.push([i, j, rest[k]!, rest[l]!]);
    }
  return out;
})();
const PREVIEW_KEY = new Map(PREVIEW.map((p, i) => [p.join(','), i]));
const PREVIEW_ACTIONS: readonly PreviewAction[] = PREVIEW.map((p) =>
  Object.freeze({ bring: Object.freeze(p.map((x) => x + 1)) as number[] }),
);

export function previewIndex(bring: readonly number[]): number {
  const z0 = bring.map((x) => x - 1);
  const leads = [z0[0]!, z0[1]!].sort((a, b) => a - b);
  const back = [z0[2]!, z0[3]!].sort((a, b) => a - b);
  const i = PREVIEW_KEY.get([...leads, ...back].join(','));
  if (i === undefined)
    throw new GameError(
      'ILLEGAL_ACTION',
      `bring must name 4 different team members from 1 to 6, got ${JSON.stringify(bring)}`,
    );
  return i;
}

// ---- interned slot choices (shared, frozen: legal() allocates only the joint objects) ----------

const TARGETED: readonly SlotChoice[][] = [0, 1, 2, 3].map((m) =>
  TARGET_NAMES.map((t) => Object.freeze({ move: m + 1, target: t })),
);
const UNTARGETED: readonly SlotChoice[] = [0, 1, 2, 3].map((m) => Object.freeze({ move: m + 1 }));
const SWITCHES: readonly SlotChoice[] = [0, 1, 2, 3].map((p) => Object.freeze({ switch: p + 1 }));

function isTargeted(moveIdx: number): boolean {
  return MOVES[moveIdx]!.target === 'normal';
}

/** The choice object for a slot code, or undefined when the code means nothing for this slot. */
export function slotChoice(side: Side, slot: number, code: number): SlotChoice | undefined {
  if (code === PASS) return 'pass';
  if (code >= SWITCH_BASE) return SWITCHES[code - SWITCH_BASE];
  const mon = activeMon(side, slot);
  if (!mon) return undefined;
  const m = Math.floor(code / 3),
    t = code % 3;
  if (isTargeted(mon.moves[m]!)) return TARGETED[m]![t];
  return t === 0 ? UNTARGETED[m] : undefined;
}

// ---- legality ---------------------------------------------------------------------------------

function liveBench(side: Side): number {
  let n = 0;
  for (let p = 0; p < side.party.length; p++)
    if (side.active[0] !== p && side.active[1] !== p && partyMon(side, p).hp > 0) n++;
  return n;
}

function emptySlots(side: Side): number {
  return (side.active[0]! < 0 ? 1 : 0) + (side.active[1]! < 0 ? 1 : 0);
}

/** Whether a seat must act in the forced-switch step (an empty slot and someone to send in). */
export function needsSwitch(side: Side): boolean {
  return emptySlots(side) > 0 && liveBench(side) > 0;
}

/** Legal codes of one slot (ignoring the joint constraints), written into `out`; returns the count. */
function slotCodes(state: VgcState, seat: number, slot: number, out: Int32Array): number {
  const side = state.sides[seat]!;
  const foe = state.sides[1 - seat]!;
  let n = 0;
  const mon = activeMon(side, slot);
  const pushSwitches = () => {
    for (let p = 0; p < side.party.length; p++) {
      if (side.active[0] === p || side.active[1] === p) continue;
      if (partyMon(side, p).hp > 0) out[n++] = SWITCH_BASE + p;
    }
  };
  if (state.phase === 'switch') {
    if (mon) {
      out[n++] = PASS;
      return n;
    }
    pushSwitches();
    // With two empty slots and one creature left to send, one of the two slots passes.
    if (emptySlots(side) > liveBench(side)) out[n++] = PASS;
    return n;
  }
  if (!mon) {
    out[n++] = PASS;
    return n;
  }
  const ally = activeMon(side, 1 - slot);
  const foeLive0 = !!activeMon(foe, 0),
    foeLive1 = !!activeMon(foe, 1);
  for (let m = 0; m < 4; m++) {
    if (isTargeted(mon.moves[m]!)) {
      if (foeLive0) out[n++] = m * 3;
      if (foeLive1) out[n++] = m * 3 + 1;
      if (ally) out[n++] = m * 3 + 2;
    } else out[n++] = m * 3;
  }
  pushSwitches();
  return n;
}

function jointOk(state: VgcState, seat: number, ca: number, cb: number): boolean {
  if (ca >= SWITCH_BASE && ca < PASS && ca === cb) return false; // both slots cannot send in the same creature
  if (state.phase === 'switch') {
    const side = state.sides[seat]!;
    const switches = (ca >= SWITCH_BASE && ca < PASS ? 1 : 0) + (cb >= SWITCH_BASE && cb < PASS ? 1 : 0);
    return switches === Math.min(emptySlots(side), liveBench(side));
  }
  return true;
}

const bufA = new Int32Array(32),
  bufB = new Int32Array(32);

/** Calls fn(index) for every legal action index of the seat, in increasing order. */
export function forEachLegalIndex(state: VgcState, seat: number, fn: (index: number) => void): void {
  if (state.phase === 'preview') {
    for (let i = 0; i < PREVIEW.length; i++) fn(i);
    return;
  }
  const na = slotCodes(state, seat, 0, bufA);
  const nb = slotCodes(state, seat, 1, bufB);
  for (let i = 0; i < na; i++) {
    const ca = bufA[i]!;
    for (let j = 0; j < nb; j++) {
      const cb = bufB[j]!;
      if (jointOk(state, seat, ca, cb)) fn(ca * SLOT_CODES + cb);
    }
  }
}

export function legalActions(state: VgcState, seat: number): VgcAction[] {
  if (state.phase === 'over') return [];
  if (state.phase === 'preview') return PREVIEW_ACTIONS.slice();
  const side = state.sides[seat]!;
  const out: VgcAction[] = [];
  forEachLegalIndex(state, seat, (idx) => {
    out.push({ a: slotChoice(side, 0, Math.floor(idx / SLOT_CODES))!, b: slotChoice(side, 1, idx % SLOT_CODES)! });
  });
  return out;
}

export function legalMask(state: VgcState, seat: number): Uint8Array {
  const m = new Uint8Array(ACTION_SPACE_N);
  if (state.phase !== 'over') forEachLegalIndex(state, seat, (i) => (m[i] = 1));
  return m;
}

/** Slot code of a choice, or an ILLEGAL_ACTION error saying why it is not a legal choice now. */
function codeOf(state: VgcState, seat: number, slot: number, choice: SlotChoice): number {
  const side = state.sides[seat]!;
  const name = slot === 0 ? 'a' : 'b';
  const fail = (why: string): never => {
    throw new GameError('ILLEGAL_ACTION', `slot ${name}: ${why}`);
  };
  const mon = activeMon(side, slot);
  if (choice === 'pass') {
    if (state.phase === 'move' && mon) fail('cannot pass while a creature is active here; choose a move or a switch');
    return PASS;
  }
  if ('switch' in choice) {
    const p = choice.switch - 1;
    if (p >= side.party.length)
      fail(`switch ${choice.switch}: there are only ${side.party.length} creatures in the party`);
    if (side.active[0] === p || side.active[1] === p) fail(`switch ${choice.switch}: that creature is already active`);
    if (partyMon(side, p).hp <= 0) fail(`switch ${choice.switch}: that creature has fainted`);
    if (state.phase === 'switch' && mon)
      fail('this slot is not empty; only empty slots send in a replacement (use pass)');
    return SWITCH_BASE + p;
  }
  if (state.phase === 'switch') fail('only switches (or pass) are allowed while replacing fainted creatures');
  if (!mon) fail('this slot is empty; use pass');
  const m = choice.move - 1;
  if (m >= 4) fail(`move ${choice.move}: a creature has 4 moves`);
  const mv = MOVES[mon!.moves[m]!]!;
  if (mv.target !== 'normal') {
    if (choice.target !== undefined) fail(`move ${choice.move} (${mv.name}) takes no target (it hits ${mv.target})`);
    return m * 3;
  }
  if (choice.target === undefined) fail(`move ${choice.move} (${mv.name}) needs a target: foe1, foe2 or ally`);
  const t = TARGET_NAMES.indexOf(choice.target!);
  if (t < 2 && !activeMon(state.sides[1 - seat]!, t)) fail(`target ${choice.target}: that foe slot is empty`);
  if (t === 2 && !activeMon(side, 1 - slot)) fail('target ally: there is no ally');
  return m * 3 + t;
}

/** Index of an action; throws ILLEGAL_ACTION (with the reason) when it is not legal now. */
export function checkedIndex(state: VgcState, seat: number, action: VgcAction): number {
  if (state.phase === 'over') throw new GameError('GAME_OVER', 'the battle is over');
  if (state.phase === 'preview') {
    if (!isPreview(action))
      throw new GameError(
        'ILLEGAL_ACTION',
        'team preview: choose 4 team members with {bring: [lead, lead, back, back]}',
      );
    for (const x of action.bring)
      if (x > 6) throw new GameError('ILLEGAL_ACTION', `bring: team member ${x} does not exist (1..6)`);
    return previewIndex(action.bring);
  }
  if (isPreview(action))
    throw new GameError('ILLEGAL_ACTION', 'team preview is over; choose one action per slot {a, b}');
  const ca = codeOf(state, seat, 0, action.a);
  const cb = codeOf(state, seat, 1, action.b);
  if (!jointOk(state, seat, ca, cb)) {
    if (ca === cb && ca !== PASS)
      throw new GameError('ILLEGAL_ACTION', 'both slots cannot switch to the same creature');
    throw new GameError('ILLEGAL_ACTION', 'send in as many replacements as there are empty slots and creatures left');
  }
  return ca * SLOT_CODES + cb;
}

export function actionFromIndex(state: VgcState, seat: number, index: number): VgcAction {
  if (!Number.isInteger(index) || index < 0 || index >= ACTION_SPACE_N)
    throw new GameError('ILLEGAL_ACTION', `action index ${index} is outside [0, ${ACTION_SPACE_N})`);
  if (state.phase === 'preview') {
    const a = PREVIEW_ACTIONS[index];
    if (!a) throw new GameError('ILLEGAL_ACTION', `team preview has only ${PREVIEW.length} choices (index ${index})`);
    return a;
  }
  const side = state.sides[seat]!;
  const a = slotChoice(side, 0, Math.floor(index / SLOT_CODES));
  const b = slotChoice(side, 1, index % SLOT_CODES);
  if (a === undefined || b === undefined)
    throw new GameError('ILLEGAL_ACTION', `action index ${index} names no action for this position`);
  return { a, b };
}
