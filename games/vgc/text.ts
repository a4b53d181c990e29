/**
 * Text for people and language models: the rendering of a view, the per-turn event log, and the
 * action language `a: move 2 -> foe 2; b: switch 3` (moves also by name, e.g. `a: cinder claw -> foe 1`),
 * `a: pass`, and `bring 1 4 2 6` at team preview (the first two lead).
 */
import { GameError } from '../core/errors.ts';
import type { GameEvent } from '../core/types.ts';
import { MOVE_INDEX, MOVES } from './data/moves.ts';
import { ITEMS, ITEM_INDEX } from './data/items.ts';
import {
  checkedIndex,
  isPreview,
  legalActions,
  TARGET_NAMES,
  type SlotChoice,
  type TargetName,
  type VgcAction,
} from './actions.ts';
import { activeMon, type VgcState } from './state.ts';
import type { MonView, VgcObs } from './view.ts';

const TARGET_LABEL: Record<string, string> = {
  normal: 'one target',
  foes: 'both foes',
  allOthers: 'all others',
  self: 'self',
  ally: 'ally',
  side: 'own side',
  field: 'field',
};

function moveLine(id: string, k?: number): string {
  const mv = MOVES[MOVE_INDEX.get(id)!]!;
  const bits: string[] = [mv.type, mv.category];
  if (mv.power) bits.push(`${mv.power}`);
  if (mv.accuracy) bits.push(`${mv.accuracy}%`);
  if (mv.priority) bits.push(`prio ${mv.priority > 0 ? '+' : ''}${mv.priority}`);
  bits.push(TARGET_LABEL[mv.target]!);
  return `${k !== undefined ? `${k} ` : ''}${mv.name} (${bits.join(', ')})`;
}

function stages(b?: number[]): string {
  if (!b) return '';
  const names = ['atk', 'def', 'spa', 'spd', 'spe'];
  const s = b.map((x, i) => (x ? `${names[i]}${x > 0 ? '+' : ''}${x}` : '')).filter(Boolean);
  return s.length ? ` [${s.join(' ')}]` : '';
}

function monLine(m: MonView, own: boolean): string {
  const status = m.status ? ` ${m.status}` : '';
  const hp = m.hp !== undefined ? `HP ${m.hp}/${m.maxHp} (${m.hpPercent}%)` : `HP ${m.hpPercent}%`;
  const item = m.item ? ` @ ${ITEMS[ITEM_INDEX.get(m.item)!]!.name}${m.itemUsed ? ' (used)' : ''}` : '';
  const head = `${m.species}${item} (${m.types.join('/')}) ${m.hpPercent === 0 && m.seen ? 'fainted' : hp}${status}${stages(m.boosts)}`;
  if (own) return `${head}\n      moves: ${m.moves.map((id, k) => moveLine(id, k + 1)).join(' · ')}`;
  return m.moves.length
    ? `${head}; moves seen: ${m.moves.map((id) => MOVES[MOVE_INDEX.get(id)!]!.name).join(', ')}`
    : head;
}

function who(e: GameEvent): string {
  return `${e.species as string} (p${(e.seat as number) + 1}${(e.slot as number) === 0 ? 'a' : 'b'})`;
}

/** One line for an event, or '' for events that need no line. */
export function eventText(e: GameEvent): string {
  switch (e.type) {
    case 'switch':
      return `p${(e.seat as number) + 1} sent out ${who(e)}, HP ${e.hp as number}%.`;
    case 'move':
      return `${who(e)} used ${e.move as string}.`;
    case 'damage': {
      const eff =
        e.eff === undefined ? '' : (e.eff as number) > 1 ? ' It is super effective.' : ' It is not very effective.';
      const crit = e.crit ? ' A critical hit!' : '';
      const cause = e.cause === 'hit' ? '' : ` (${e.cause as string})`;
      return `${who(e)} is down to ${e.hp as number}%${cause}.${crit}${eff}`;
    }
    case 'faint':
      return `${who(e)} fainted.`;
    case 'miss':
      return `The move missed ${who(e)}.`;
    case 'immune':
      return `It does not affect ${who(e)}.`;
    case 'protect':
      return `${who(e)} protected itself.`;
    case 'protected':
      return `${who(e)} was protected.`;
    case 'redirect':
      return `${who(e)} became the centre of attention.`;
    case 'flinch':
      return `${who(e)} flinched.`;
    case 'asleep':
      return `${who(e)} is fast asleep.`;
    case 'wake':
      return `${who(e)} woke up.`;
    case 'fullpara':
      return `${who(e)} is paralysed and cannot move.`;
    case 'status':
      return `${who(e)} got ${({ brn: 'burned', par: 'paralysed', psn: 'poisoned', slp: 'put to sleep' } as Record<string, string>)[e.status as string]}.`;
    case 'boost':
      return `${who(e)}: ${e.stat as string} ${(e.by as number) > 0 ? 'rose' : 'fell'} by ${Math.abs(e.by as number)}.`;
    case 'heal':
      return `${who(e)} recovered to ${e.hp as number}%.`;
    case 'fail':
      return `But it failed (${e.why as string}).`;
    case 'item':
      return `${who(e)}'s ${e.item as string} ${e.effect as string}.`;
    case 'tailwind':
      return e.on
        ? `A tailwind blows behind p${(e.seat as number) + 1}.`
        : `p${(e.seat as number) + 1}'s tailwind died down.`;
    case 'room':
      return e.on ? 'The room twisted: slower creatures move first.' : 'The room returned to normal.';
    case 'end':
      return e.winner === null
        ? `The battle ended in a draw (${e.reason as string}).`
        : `p${(e.winner as number) + 1} won (${e.reason as string}).`;
    default:
      return '';
  }
}

export function render(obs: VgcObs): string {
  const lines: string[] = [];
  const me = obs.who;
  lines.push(
    `VGC-lite — ${obs.phase === 'preview' ? 'team preview' : `turn ${obs.turn + 1} (cap ${obs.turnCap})`}${obs.room ? `, room: ${obs.room} turn(s)` : ''}${me === 'spectator' ? ' — spectator view' : ` — you are p${me + 1}`}`,
  );
  for (const side of obs.sides) {
    const own = side.seat === me;
    lines.push(
      `p${side.seat + 1}${own ? ' (you)' : ''}: ${side.left} left${side.tailwind ? `, tailwind ${side.tailwind}` : ''}`,
    );
    if (obs.phase === 'preview') {
      for (const m of side.team)
        lines.push(own ? `  ${m.index}. ${monLine(m, true)}` : `  ${m.index}. ${m.species} (${m.types.join('/')})`);
      continue;
    }
    for (const slot of ['a', 'b'] as const) {
      const m = side.team.find((x) => x.slot === slot);
      lines.push(`  ${slot}: ${m ? monLine(m, own) : '(empty)'}`);
    }
    const rest = side.team.filter((m) => !m.slot);
    if (own) {
      const bench = rest.filter((m) => m.party !== undefined).sort((x, y) => x.party! - y.party!);
      if (bench.length)
        lines.push(
          `  bench: ${bench.map((m) => `${m.party} ${m.species} ${m.hpPercent === 0 ? 'fainted' : `${m.hpPercent}%`}${m.status ? ` ${m.status}` : ''}`).join(' · ')}`,
        );
      const left = rest.filter((m) => m.party === undefined);
      if (left.length) lines.push(`  not brought: ${left.map((m) => m.species).join(', ')}`);
    } else {
      const seen = rest.filter((m) => m.seen);
      if (seen.length) lines.push(`  seen: ${seen.map((m) => monLine(m, false)).join(' · ')}`);
      const unseen = rest.filter((m) => !m.seen);
      if (unseen.length) lines.push(`  not seen: ${unseen.map((m) => m.species).join(', ')}`);
    }
  }
  const log = obs.events.map(eventText).filter(Boolean);
  if (log.length) lines.push('Last step:', ...log.map((l) => `  ${l}`));
  if (obs.phase === 'preview' && me !== 'spectator')
    lines.push('Choose: bring L1 L2 B1 B2 (four of your six; the first two lead).');
  else if (obs.phase === 'move' && me !== 'spectator')
    lines.push('Choose: a: move N -> foe 1|foe 2|ally (or switch N, or pass); b: ...');
  else if (obs.phase === 'switch' && me !== 'spectator') lines.push('Replace fainted creatures: a: switch N; b: pass');
  return lines.join('\n');
}

// ---- actions as text -------------------------------------------------------------------------

function slotText(c: SlotChoice): string {
  if (c === 'pass') return 'pass';
  if ('switch' in c) return `switch ${c.switch}`;
  return c.target ? `move ${c.move} -> ${c.target === 'ally' ? 'ally' : `foe ${c.target.slice(3)}`}` : `move ${c.move}`;
}

export function actionText(a: VgcAction): string {
  if (isPreview(a)) return `bring ${a.bring.join(' ')}`;
  return `a: ${slotText(a.a)}; b: ${slotText(a.b)}`;
}

function parseError(msg: string): never {
  throw new GameError('PARSE', msg);
}

function parseTarget(t: string): TargetName {
  const s = t.trim().toLowerCase().replace(/\s+/g, '');
  if (s === 'ally') return 'ally';
  const m = /^(?:foe|opp|opponent|p)?([12ab])$/.exec(s);
  if (!m) parseError(`unknown target ${JSON.stringify(t.trim())}; use foe 1, foe 2 or ally`);
  return m[1] === '1' || m[1] === 'a' ? 'foe1' : 'foe2';
}

function parseSlot(text: string, state: VgcState, seat: number, slot: number): SlotChoice {
  const s = text.trim().toLowerCase();
  if (s === 'pass' || s === 'none' || s === '-') return 'pass';
  const sw = /^switch\s*(?:to\s*)?(\d+)$/.exec(s);
  if (sw) return { switch: Number(sw[1]) };
  const [lhs, rhs] = s.split(/->|>|\bat\b|\bon\b/).map((x) => x.trim());
  const mon = activeMon(state.sides[seat]!, slot);
  let k: number;
  const mm = /^move\s*(\d+)$/.exec(lhs!) ?? /^(\d+)$/.exec(lhs!);
  if (mm) k = Number(mm[1]);
  else {
    const id = MOVE_INDEX.get(lhs!.replace(/^move\s+/, '').replace(/\s+/g, '-'));
    if (id === undefined)
      parseError(
        `cannot read ${JSON.stringify(text.trim())}: expected move N [-> foe 1|foe 2|ally], a move name, switch N or pass`,
      );
    if (!mon) parseError(`slot ${slot === 0 ? 'a' : 'b'} is empty; use pass`);
    k = mon.moves.indexOf(id) + 1;
    if (k === 0)
      parseError(
        `the creature in slot ${slot === 0 ? 'a' : 'b'} does not know ${MOVES[id]!.name}; it knows ${mon.moves.map((x) => MOVES[x]!.name).join(', ')}`,
      );
  }
  if (k < 1 || k > 9) parseError(`move number ${k} is out of range; use 1..4`);
  if (rhs !== undefined && rhs !== '') return { move: k, target: parseTarget(rhs) };
  // No target given: fill it in when there is only one sensible choice (a single foe left).
  if (mon && k <= 4 && MOVES[mon.moves[k - 1]!]!.target === 'normal') {
    const foe = state.sides[1 - seat]!;
    const live = [0, 1].filter((t) => activeMon(foe, t));
    if (live.length === 1) return { move: k, target: TARGET_NAMES[live[0]!]! };
    parseError(`move ${k} (${MOVES[mon.moves[k - 1]!]!.name}) needs a target: add -> foe 1, -> foe 2 or -> ally`);
  }
  return { move: k };
}

export function parseAction(text: string, state: VgcState, seat: number): VgcAction {
  const t = text.trim();
  if (state.phase === 'over') throw new GameError('GAME_OVER', 'the battle is over');
  let action: VgcAction;
  if (state.phase === 'preview') {
    const m = /^(?:bring|lead)?\s*(\d)[\s,]+(\d)(?:\s*(?:back|[,;/|]))?[\s,]*(\d)[\s,]+(\d)$/i.exec(t);
    if (!m)
      parseError(
        `team preview: write "bring L1 L2 B1 B2" (four team positions 1..6, the first two lead), got ${JSON.stringify(t)}`,
      );
    action = { bring: [Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4])] };
  } else {
    const parts = t
      .split(/[;\n]/)
      .map((x) => x.trim())
      .filter(Boolean);
    if (parts.length === 0 || parts.length > 2)
      parseError(`write one choice per slot, e.g. "a: move 2 -> foe 2; b: switch 3", got ${JSON.stringify(t)}`);
    const got: (SlotChoice | undefined)[] = [undefined, undefined];
    parts.forEach((p, i) => {
      const m = /^([ab])\s*[:=]\s*(.*)$/i.exec(p);
      const slot = m ? (m[1]!.toLowerCase() === 'a' ? 0 : 1) : i;
      if (got[slot] !== undefined) parseError(`slot ${slot === 0 ? 'a' : 'b'} is given twice`);
      got[slot] = parseSlot(m ? m[2]! : p, state, seat, slot);
    });
    for (let slot = 0; slot < 2; slot++) {
      if (got[slot] !== undefined) continue;
      // A missing slot is filled in only when pass is its one legal choice.
      const legal = legalActions(state, seat);
      const key = slot === 0 ? 'a' : 'b';
      if (legal.length > 0 && legal.every((a) => !isPreview(a) && a[key] === 'pass')) got[slot] = 'pass';
      else parseError(`missing a choice for slot ${key}`);
    }
    action = { a: got[0]!, b: got[1]! };
  }
  checkedIndex(state, seat, action); // ILLEGAL_ACTION with the reason when it parses but is not legal
  return action;
}
