/**
 * Teams: 6 creatures with 4 distinct moves each. A team travels as JSON
 * `[{species: 'Cindermaw', moves: ['cinder-claw', ...]}, ...]` (species by name or id, moves by id
 * or name), or as one line per creature `Cindermaw: cinder-claw / night-fang / bulwark / quick-jab`
 * (the form of the sample pool). Validation collects every problem with a clear message.
 */
import { z } from 'zod';
import { GameError } from '../core/errors.ts';
import type { Rng } from '../core/rng.ts';
import { MOVES, MOVE_INDEX } from './data/moves.ts';
import { LEARNABLE, LEARNSETS, SPECIES, SPECIES_INDEX } from './data/species.ts';
import { ITEMS, itemIndex } from './data/items.ts';

export const TEAM_SIZE = 6;
export const MOVES_PER_CREATURE = 4;

export interface CreatureSpec {
  species: string;
  moves: string[];
  /** Optional held item (data/items.ts). */
  item?: string;
}
export type TeamSpec = CreatureSpec[];

/** A validated team as indices into SPECIES, MOVES and ITEMS (-1 = no item). */
export interface TeamIndices {
  species: number[];
  moves: number[][];
  items?: number[];
}

/**
 * Longest name accepted for a species, move or item (the longest real one has 15 characters), and
 * the most entries a team or move list may have before validation gives up on it. Names are looked
 * up in the tables, so text that is not a name (a NUL, a lone surrogate) never gets through; the
 * bounds keep an untrusted config small.
 */
export const MAX_NAME = 64;
export const MAX_LISTED = 24;

const nameSchema = z.string().max(MAX_NAME);
export const creatureSpecSchema = z
  .object({ species: nameSchema, moves: z.array(nameSchema).max(MAX_LISTED), item: nameSchema.optional() })
  .strict();
/** Shape only; rules (sizes, learnsets, duplicates) are checked by validateTeam for better messages. */
export const teamSpecSchema = z.array(creatureSpecSchema).max(MAX_LISTED);

const byName = new Map<string, number>();
MOVES.forEach((mv, i) => byName.set(mv.name.toLowerCase(), i));

function lookupMove(name: string): number | undefined {
  const key = name.trim().toLowerCase();
  return MOVE_INDEX.get(key) ?? byName.get(key) ?? MOVE_INDEX.get(key.replace(/\s+/g, '-'));
}

/** Every problem with a team, as readable lines; empty when the team is legal. */
export function teamErrors(team: unknown): string[] {
  const shape = teamSpecSchema.safeParse(team);
  if (!shape.success) {
    return shape.error.issues.map((i) => `${i.path.length ? `at ${i.path.join('.')}: ` : ''}${i.message}`);
  }
  const errs: string[] = [];
  const t = shape.data;
  if (t.length !== TEAM_SIZE) errs.push(`a team has ${TEAM_SIZE} creatures, this one has ${t.length}`);
  const seen = new Map<number, number>();
  const itemSeen = new Map<number, number>();
  t.forEach((c, k) => {
    const where = `creature ${k + 1} (${c.species})`;
    if (c.item !== undefined) {
      const it = itemIndex(c.item);
      if (it === undefined)
        errs.push(`${where}: unknown item ${JSON.stringify(c.item)}; known: ${ITEMS.map((x) => x.id).join(', ')}`);
      else if (itemSeen.has(it))
        errs.push(
          `${where}: item ${ITEMS[it]!.id} is already held by creature ${itemSeen.get(it)! + 1} (one of each item per team)`,
        );
      else itemSeen.set(it, k);
    }
    const sp = SPECIES_INDEX.get(c.species.trim().toLowerCase());
    if (sp === undefined) {
      errs.push(`${where}: unknown species ${JSON.stringify(c.species)}`);
    } else if (seen.has(sp)) {
      errs.push(`${where}: duplicate species, already creature ${seen.get(sp)! + 1}`);
    } else seen.set(sp, k);
    if (c.moves.length !== MOVES_PER_CREATURE)
      errs.push(`${where}: needs ${MOVES_PER_CREATURE} moves, has ${c.moves.length}`);
    const moveSeen = new Set<number>();
    for (const name of c.moves) {
      const mv = lookupMove(name);
      if (mv === undefined) {
        errs.push(`${where}: unknown move ${JSON.stringify(name)}`);
        continue;
      }
      if (moveSeen.has(mv)) errs.push(`${where}: move ${MOVES[mv]!.id} listed twice`);
      moveSeen.add(mv);
      if (sp !== undefined && !LEARNABLE[sp]!.has(mv)) {
        errs.push(`${where}: ${SPECIES[sp]!.name} cannot learn ${MOVES[mv]!.id}`);
      }
    }
  });
  return errs;
}

/** Indices of a team, or GameError('BAD_CONFIG') listing every problem. */
export function toIndices(team: unknown, label = 'team'): TeamIndices {
  const errs = teamErrors(team);
  if (errs.length) throw new GameError('BAD_CONFIG', `${label} is not valid: ${errs.join('; ')}`, errs);
  const t = team as TeamSpec;
  return {
    species: t.map((c) => SPECIES_INDEX.get(c.species.trim().toLowerCase())!),
    moves: t.map((c) => c.moves.map((m) => lookupMove(m)!)),
    items: t.map((c) => (c.item === undefined ? -1 : itemIndex(c.item)!)),
  };
}

export function toSpec(t: TeamIndices): TeamSpec {
  return t.species.map((sp, k) => {
    const c: CreatureSpec = { species: SPECIES[sp]!.name, moves: t.moves[k]!.map((m) => MOVES[m]!.id) };
    const it = t.items?.[k] ?? -1;
    if (it >= 0) c.item = ITEMS[it]!.id;
    return c;
  });
}

/** Parses the one-line-per-creature form `Name @ item: move / move / move / move` (item optional). */
export function parseTeamLines(lines: readonly string[]): TeamSpec {
  return lines.map((line) => {
    const [head, moves = ''] = line.split(':');
    const [species, item] = head!.split('@').map((x) => x.trim());
    const c: CreatureSpec = {
      species: species!,
      moves: moves
        .split('/')
        .map((m) => m.trim())
        .filter(Boolean),
    };
    if (item) c.item = item;
    return c;
  });
}

export function teamLines(t: TeamSpec): string[] {
  return t.map((c) => `${c.species}${c.item ? ` @ ${c.item}` : ''}: ${c.moves.join(' / ')}`);
}

const PROTECT = MOVE_INDEX.get('bulwark')!;

/**
 * A seeded random legal team that is playable: 6 distinct species (items: see below); each gets Protect half the time,
 * a status move now and then (keeping at least two attacks), and otherwise damaging moves drawn with
 * 3× weight on its own types.
 */
export function randomTeam(rng: Rng): TeamIndices {
  const order = rng.shuffle(SPECIES.map((_, i) => i)).slice(0, TEAM_SIZE);
  const moves = order.map((sp) => {
    const learn = LEARNSETS[sp]!;
    const types = SPECIES[sp]!.types as string[];
    const picked: number[] = [];
    if (rng.chance(0.5)) picked.push(PROTECT);
    const status = learn.filter((m) => MOVES[m]!.category === 'status' && m !== PROTECT);
    const damaging = learn.filter((m) => MOVES[m]!.category !== 'status');
    while (picked.length < MOVES_PER_CREATURE) {
      const hits = picked.filter((m) => MOVES[m]!.category !== 'status').length;
      const roomForStatus = hits + (MOVES_PER_CREATURE - picked.length) - 1 >= 2; // keep ≥ 2 attacks
      let pool = roomForStatus ? status.filter((m) => !picked.includes(m)) : [];
      if (pool.length === 0 || !rng.chance(0.2)) {
        pool = [];
        for (const m of damaging) {
          if (picked.includes(m)) continue;
          const w = types.includes(MOVES[m]!.type) ? 3 : 1;
          for (let k = 0; k < w; k++) pool.push(m);
        }
      }
      if (pool.length === 0) pool = learn.filter((m) => !picked.includes(m));
      picked.push(rng.pick(pool));
    }
    return picked;
  });
  // Each creature holds an item half the time, never two alike (item clause).
  const free = rng.shuffle(ITEMS.map((_, i) => i));
  const items = order.map(() => (free.length > 0 && rng.chance(0.5) ? free.pop()! : -1));
  return { species: order, moves, items };
}
