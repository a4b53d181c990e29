/**
 * Per-step spectator views of a stored match, for the arena UI's replay player: re-simulate the
 * action log with the kernel (games/core, every action validated as on first play) and record the
 * public view after each step with that step's public events. The browser never runs engines for
 * replays; it only draws these frames.
 *
 * Long matches are thinned to at most `maxFrames` frames (every k-th step, always the first and
 * the last) so a replay stays a few hundred kilobytes.
 */
import { parseConfig, stepChecked, toJson } from '../../games/core/kernel.ts';
import type { AnyGame, Json } from '../../games/core/types.ts';

export interface ReplayFrame {
  /** Steps played before this view (0 = the start). */
  step: number;
  /** observe(state, 'spectator') after `step` steps. */
  observation: Json;
  /** Public events of the step that led here (empty at the start). */
  events: Json[];
  /** The joint action of that step (null at the start). */
  actions: (Json | null)[] | null;
}

export const DEFAULT_MAX_FRAMES = 2000;

export function spectatorFrames(
  game: AnyGame,
  match: { config: unknown; seed: number; actions: readonly (readonly (Json | null)[])[] },
  maxFrames = DEFAULT_MAX_FRAMES,
): ReplayFrame[] {
  const n = match.actions.length;
  const every = Math.max(1, Math.ceil(n / Math.max(1, maxFrames - 1)));
  let state = game.init(parseConfig(game, match.config ?? {}), match.seed);
  // Observations may share arrays with the state (see games/dilemmas/observe.ts), so each frame is copied.
  const frames: ReplayFrame[] = [
    { step: 0, observation: toJson(game.observe(state, 'spectator')), events: [], actions: null },
  ];
  for (let i = 0; i < n; i++) {
    const joint = match.actions[i]!;
    const r = stepChecked(game, state, joint);
    state = r.state;
    if ((i + 1) % every !== 0 && i !== n - 1) continue;
    frames.push({
      step: i + 1,
      observation: toJson(game.observe(state, 'spectator')),
      events: toJson(r.events.filter((e) => e.visibleTo === undefined)) as Json[],
      actions: joint.map((a) => (a === undefined ? null : a)),
    });
  }
  return frames;
}
