/** The sample pool as specs and indices, plus the `pool` selector syntax ('0-63', '1,5,9-12', [0, 3]). */
import { GameError } from '../core/errors.ts';
import { SAMPLE_POOL_LINES } from './data/sample-teams.ts';
import { parseTeamLines, toIndices, type TeamIndices, type TeamSpec } from './teams.ts';

export const SAMPLE_POOL: readonly TeamSpec[] = SAMPLE_POOL_LINES.map((lines) => parseTeamLines(lines));
export const SAMPLE_POOL_INDICES: readonly TeamIndices[] = SAMPLE_POOL.map((t, i) => toIndices(t, `sample team ${i}`));

/** Expands a selector into sorted distinct pool indices; throws BAD_CONFIG with the reason. */
export function poolSelection(
  sel: string | number | readonly number[] | undefined,
  size = SAMPLE_POOL.length,
): number[] {
  if (sel === undefined) return Array.from({ length: size }, (_, i) => i);
  const out = new Set<number>();
  const add = (i: number) => {
    if (!Number.isInteger(i) || i < 0 || i >= size)
      throw new GameError('BAD_CONFIG', `pool index ${i} is outside 0..${size - 1}`);
    out.add(i);
  };
  if (typeof sel === 'number') add(sel);
  else if (typeof sel === 'string') {
    for (const part of sel
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean)) {
      const m = /^(\d+)(?:-(\d+))?$/.exec(part);
      if (!m) throw new GameError('BAD_CONFIG', `pool selector ${JSON.stringify(part)} is not N or N-M`);
      const lo = Number(m[1]),
        hi = m[2] === undefined ? lo : Number(m[2]);
      if (hi < lo) throw new GameError('BAD_CONFIG', `pool range ${part} is empty`);
      for (let i = lo; i <= hi; i++) add(i);
    }
  } else for (const i of sel) add(i);
  if (out.size === 0) throw new GameError('BAD_CONFIG', 'pool selection is empty');
  return [...out].sort((a, b) => a - b);
}
