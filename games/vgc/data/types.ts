/**
 * The 18 generic elemental types and the full type chart (the standard chart used since 2013, as in
 * smogon/pokemon-showdown data/typechart.ts; test/vgc/typechart.test.ts checks every entry against
 * @pkmn/sim's copy). Types are small integers so the chart is one flat Float64Array lookup.
 */
export const TYPES = [
  'Normal',
  'Fire',
  'Water',
  'Electric',
  'Grass',
  'Ice',
  'Fighting',
  'Poison',
  'Ground',
  'Flying',
  'Psychic',
  'Bug',
  'Rock',
  'Ghost',
  'Dragon',
  'Dark',
  'Steel',
  'Fairy',
] as const;

export type TypeName = (typeof TYPES)[number];
export const NUM_TYPES = TYPES.length;

/** Attacking type → defending types it hits for 2×, ½× and 0×. Everything else is 1×. */
const CHART: Record<TypeName, { double: TypeName[]; half: TypeName[]; none: TypeName[] }> = {
  Normal: { double: [], half: ['Rock', 'Steel'], none: ['Ghost'] },
  Fire: { double: ['Grass', 'Ice', 'Bug', 'Steel'], half: ['Fire', 'Water', 'Rock', 'Dragon'], none: [] },
  Water: { double: ['Fire', 'Ground', 'Rock'], half: ['Water', 'Grass', 'Dragon'], none: [] },
  Electric: { double: ['Water', 'Flying'], half: ['Electric', 'Grass', 'Dragon'], none: ['Ground'] },
  Grass: {
    double: ['Water', 'Ground', 'Rock'],
    half: ['Fire', 'Grass', 'Poison', 'Flying', 'Bug', 'Dragon', 'Steel'],
    none: [],
  },
  Ice: { double: ['Grass', 'Ground', 'Flying', 'Dragon'], half: ['Fire', 'Water', 'Ice', 'Steel'], none: [] },
  Fighting: {
    double: ['Normal', 'Ice', 'Rock', 'Dark', 'Steel'],
    half: ['Poison', 'Flying', 'Psychic', 'Bug', 'Fairy'],
    none: ['Ghost'],
  },
  Poison: { double: ['Grass', 'Fairy'], half: ['Poison', 'Ground', 'Rock', 'Ghost'], none: ['Steel'] },
  Ground: { double: ['Fire', 'Electric', 'Poison', 'Rock', 'Steel'], half: ['Grass', 'Bug'], none: ['Flying'] },
  Flying: { double: ['Grass', 'Fighting', 'Bug'], half: ['Electric', 'Rock', 'Steel'], none: [] },
  Psychic: { double: ['Fighting', 'Poison'], half: ['Psychic', 'Steel'], none: ['Dark'] },
  Bug: {
    double: ['Grass', 'Psychic', 'Dark'],
    half: ['Fire', 'Fighting', 'Poison', 'Flying', 'Ghost', 'Steel', 'Fairy'],
    none: [],
  },
  Rock: { double: ['Fire', 'Ice', 'Flying', 'Bug'], half: ['Fighting', 'Ground', 'Steel'], none: [] },
  Ghost: { double: ['Psychic', 'Ghost'], half: ['Dark'], none: ['Normal'] },
  Dragon: { double: ['Dragon'], half: ['Steel'], none: ['Fairy'] },
  Dark: { double: ['Psychic', 'Ghost'], half: ['Fighting', 'Dark', 'Fairy'], none: [] },
  Steel: { double: ['Ice', 'Rock', 'Fairy'], half: ['Fire', 'Water', 'Electric', 'Steel'], none: [] },
  Fairy: { double: ['Fighting', 'Dragon', 'Dark'], half: ['Fire', 'Poison', 'Steel'], none: [] },
};

export function typeIndex(name: string): number {
  const i = (TYPES as readonly string[]).indexOf(name);
  if (i < 0) throw new Error(`unknown type ${name}`);
  return i;
}

/** EFFECTIVENESS[atk * 18 + def] ∈ {0, 0.5, 1, 2}. */
export const EFFECTIVENESS: Float64Array = (() => {
  const t = new Float64Array(NUM_TYPES * NUM_TYPES).fill(1);
  for (const atk of TYPES) {
    const row = CHART[atk];
    const a = typeIndex(atk);
    for (const d of row.double) t[a * NUM_TYPES + typeIndex(d)] = 2;
    for (const d of row.half) t[a * NUM_TYPES + typeIndex(d)] = 0.5;
    for (const d of row.none) t[a * NUM_TYPES + typeIndex(d)] = 0;
  }
  return t;
})();

/** Multiplier of an attack of type `atk` on a creature with types t1 and t2 (t2 = -1 when single-typed). */
export function effectiveness(atk: number, t1: number, t2: number): number {
  const e = EFFECTIVENESS[atk * NUM_TYPES + t1]!;
  return t2 < 0 ? e : e * EFFECTIVENESS[atk * NUM_TYPES + t2]!;
}
