/**
 * The roster: original creatures, each with one or two of the 18 types and six base stats
 * [hp, atk, def, spa, spd, spe]. Learnset rule (kept simple so the table stays readable): a species
 * learns every move of its own types, every `universal` move, and the extras listed on its row.
 */
import { MOVES, MOVE_INDEX } from './moves.ts';
import type { TypeName } from './types.ts';

export interface SpeciesData {
  id: string;
  name: string;
  types: [TypeName] | [TypeName, TypeName];
  /** Base stats: hp, atk, def, spa, spd, spe. */
  base: [number, number, number, number, number, number];
  /** Coverage moves beyond its own types and the universal ones. */
  extra: string[];
}

function s(name: string, types: SpeciesData['types'], base: SpeciesData['base'], extra: string[]): SpeciesData {
  return { id: name.toLowerCase(), name, types, base, extra };
}

export const SPECIES: readonly SpeciesData[] = [
  s(
    'Cindermaw',
    ['Fire', 'Dark'],
    [85, 110, 75, 80, 70, 95],
    ['startle-clap', 'battle-cry', 'mud-lance', 'palm-strike'],
  ),
  s('Emberkit', ['Fire'], [65, 70, 60, 105, 70, 110], ['gust-blade', 'spore-burst', 'earth-pulse', 'lure-call']),
  s('Pyrochelon', ['Fire', 'Ground'], [100, 95, 110, 70, 80, 45], ['crag-spear', 'iron-wall', 'warp-zone', 'mend']),
  s('Solarion', ['Fire', 'Flying'], [80, 80, 75, 115, 80, 100], ['spore-burst', 'echo-blast', 'mind-spike']),
  s('Moltenox', ['Fire', 'Steel'], [90, 100, 100, 90, 80, 55], ['mud-lance', 'warp-zone', 'crag-spear']),
  s('Tidewhelp', ['Water'], [95, 90, 85, 70, 85, 70], ['frost-bite', 'startle-clap', 'mud-lance', 'lure-call']),
  s('Brinequeen', ['Water', 'Fairy'], [90, 60, 85, 110, 100, 75], ['frost-ray', 'mend', 'lullaby', 'chill-breath']),
  s('Coralisk', ['Water', 'Rock'], [75, 110, 120, 60, 70, 55], ['mud-lance', 'frost-bite', 'iron-wall']),
  s('Voltide', ['Water', 'Electric'], [80, 75, 80, 105, 80, 90], ['frost-ray', 'chill-breath', 'gust-blade']),
  s('Lumikoi', ['Water', 'Ice'], [90, 70, 80, 100, 90, 70], ['mind-spike', 'lullaby', 'mend']),
  s('Zappup', ['Electric'], [60, 85, 55, 95, 60, 125], ['startle-clap', 'quick-jab', 'lure-call', 'gem-beam']),
  s('Dynamoth', ['Electric', 'Bug'], [75, 60, 70, 110, 90, 95], ['gust-blade', 'following-gale', 'mind-spike']),
  s('Galvanox', ['Electric', 'Steel'], [90, 100, 110, 90, 85, 45], ['warp-zone', 'mud-lance', 'crag-spear']),
  s('Brambruin', ['Grass', 'Fighting'], [85, 115, 85, 55, 70, 90], ['startle-clap', 'mud-lance', 'night-fang']),
  s('Verdantoad', ['Grass', 'Poison'], [95, 70, 85, 95, 95, 55], ['earth-pulse', 'mend', 'lure-call', 'dust-gale']),
  s('Bloomwisp', ['Grass', 'Fairy'], [70, 55, 70, 110, 110, 85], ['following-gale', 'mind-spike', 'lullaby']),
  s('Frostfang', ['Ice', 'Dark'], [75, 115, 70, 60, 70, 110], ['startle-clap', 'mud-lance', 'palm-strike']),
  s('Glaciorn', ['Ice', 'Ground'], [110, 100, 95, 60, 75, 55], ['crag-spear', 'warp-zone', 'iron-knuckle']),
  s('Auroraith', ['Ice', 'Psychic'], [75, 50, 75, 120, 100, 90], ['hydro-lance', 'lullaby', 'phantom-pulse']),
  s('Brawlbuck', ['Fighting'], [95, 125, 80, 50, 70, 80], ['startle-clap', 'crag-spear', 'night-fang', 'iron-knuckle']),
  s('Kaidojo', ['Fighting', 'Steel'], [80, 110, 105, 60, 80, 70], ['mud-lance', 'crag-spear', 'warp-zone']),
  s('Venomire', ['Poison', 'Dark'], [85, 90, 80, 95, 80, 85], ['flame-jet', 'earth-pulse', 'startle-clap']),
  s('Toxipede', ['Poison', 'Bug'], [70, 95, 90, 50, 70, 105], ['crag-spear', 'mud-lance', 'night-fang']),
  s('Dunequake', ['Ground'], [105, 120, 100, 50, 70, 50], ['crag-spear', 'iron-knuckle', 'glacier-crash', 'warp-zone']),
  s('Siltshark', ['Ground', 'Dragon'], [100, 110, 85, 60, 80, 100], ['crag-spear', 'cinder-claw', 'iron-knuckle']),
  s('Galebeak', ['Flying', 'Normal'], [80, 95, 70, 60, 70, 115], ['night-fang', 'mud-lance', 'lure-call']),
  s('Stormwing', ['Flying', 'Electric'], [85, 75, 80, 110, 85, 95], ['flame-jet', 'mind-spike']),
  s('Psylph', ['Psychic', 'Fairy'], [75, 50, 70, 120, 110, 95], ['flame-jet', 'arc-bolt', 'lullaby', 'following-gale']),
  s('Oracleon', ['Psychic'], [95, 60, 80, 115, 105, 60], ['aura-burst', 'phantom-pulse', 'mend', 'lure-call']),
  s('Beetalon', ['Bug', 'Steel'], [75, 115, 110, 50, 80, 60], ['crag-spear', 'palm-strike', 'warp-zone']),
  s('Waspire', ['Bug', 'Flying'], [70, 100, 65, 70, 70, 115], ['venom-fang', 'night-fang', 'startle-clap']),
  s('Cragolem', ['Rock', 'Ground'], [100, 115, 130, 45, 65, 30], ['iron-knuckle', 'palm-strike', 'warp-zone']),
  s('Geodrake', ['Rock', 'Dragon'], [90, 105, 110, 70, 75, 65], ['mud-lance', 'cinder-claw', 'iron-knuckle']),
  s('Gloomshade', ['Ghost', 'Poison'], [70, 60, 70, 115, 80, 110], ['dusk-pulse', 'aura-burst', 'lullaby']),
  s('Spectrelk', ['Ghost', 'Grass'], [90, 100, 80, 80, 90, 70], ['mud-lance', 'night-fang', 'warp-zone']),
  s('Hollowisp', ['Ghost', 'Fire'], [65, 55, 80, 120, 90, 95], ['dusk-pulse', 'spore-burst', 'lure-call']),
  s('Drakonix', ['Dragon', 'Flying'], [95, 120, 85, 90, 80, 90], ['cinder-claw', 'mud-lance', 'following-gale']),
  s('Scaleviper', ['Dragon', 'Water'], [90, 85, 85, 105, 85, 75], ['frost-ray', 'flame-jet']),
  s('Nightprowl', ['Dark'], [80, 110, 70, 70, 70, 110], ['startle-clap', 'palm-strike', 'shade-claw', 'frost-bite']),
  s('Duskraven', ['Dark', 'Flying'], [85, 95, 75, 95, 70, 95], ['following-gale', 'phantom-pulse', 'flame-jet']),
  s('Aegisteel', ['Steel'], [95, 90, 130, 60, 100, 40], ['mud-lance', 'crag-spear', 'warp-zone', 'lure-call', 'mend']),
  s('Chromadon', ['Steel', 'Dragon'], [85, 100, 100, 100, 85, 65], ['earth-pulse', 'flame-jet', 'hydro-lance']),
  s('Pixiebell', ['Fairy'], [90, 50, 85, 95, 115, 60], ['mend', 'lullaby', 'lure-call', 'mind-spike']),
  s('Fayblade', ['Fairy', 'Fighting'], [75, 115, 75, 65, 75, 105], ['startle-clap', 'night-fang', 'iron-knuckle']),
  s('Burlhorn', ['Normal'], [110, 105, 85, 55, 75, 80], ['mud-lance', 'crag-spear', 'palm-strike', 'night-fang']),
  s('Chatterwing', ['Normal', 'Flying'], [70, 75, 65, 85, 65, 110], ['following-gale', 'spite-howl', 'lure-call']),
];

export const SPECIES_INDEX: ReadonlyMap<string, number> = new Map(SPECIES.map((sp, i) => [sp.id, i]));

/** Move indices each species may use, sorted; built once from the learnset rule above. */
export const LEARNSETS: readonly (readonly number[])[] = SPECIES.map((sp) => {
  const set = new Set<number>();
  MOVES.forEach((mv, i) => {
    if (mv.universal || (sp.types as string[]).includes(mv.type)) set.add(i);
  });
  for (const id of sp.extra) {
    const i = MOVE_INDEX.get(id);
    if (i === undefined) throw new Error(`species ${sp.name}: unknown extra move ${id}`);
    set.add(i);
  }
  return [...set].sort((a, b) => a - b);
});

export const LEARNABLE: readonly ReadonlySet<number>[] = LEARNSETS.map((l) => new Set(l));

export function speciesIndex(nameOrId: string): number | undefined {
  return SPECIES_INDEX.get(nameOrId.toLowerCase());
}
