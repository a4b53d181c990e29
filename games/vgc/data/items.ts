/**
 * Held items: a small original set, one per creature, no two alike on a team (the VGC item clause).
 * An item is revealed to the opponent when it visibly acts (Swift Scarf never does).
 */
export interface ItemData {
  id: string;
  name: string;
  description: string;
}

export const ITEMS: readonly ItemData[] = [
  {
    id: 'focus-charm',
    name: 'Focus Charm',
    description: 'At full HP, survives a hit that would knock it out, with 1 HP left (once).',
  },
  {
    id: 'power-orb',
    name: 'Power Orb',
    description:
      'Damaging moves do 1.3× (5324/4096, as a final modifier); the holder loses 1/10 of its max HP after each move that hits.',
  },
  {
    id: 'mending-berry',
    name: 'Mending Berry',
    description: 'Restores 1/4 of max HP once, when damage leaves the holder at half HP or less.',
  },
  { id: 'swift-scarf', name: 'Swift Scarf', description: 'Speed ×1.5.' },
];

export const ITEM_INDEX: ReadonlyMap<string, number> = new Map(ITEMS.map((it, i) => [it.id, i]));
export const FOCUS_CHARM = 0,
  POWER_ORB = 1,
  MENDING_BERRY = 2,
  SWIFT_SCARF = 3;

export function itemIndex(nameOrId: string): number | undefined {
  const key = nameOrId.trim().toLowerCase();
  return ITEM_INDEX.get(key) ?? ITEM_INDEX.get(key.replace(/\s+/g, '-'));
}
