/**
 * Input encoders: how a policy turns an observation into its input vector. MLP checkpoints
 * ('ludus-mlp-v1') use the game's own encoder (game.encode / game.obsSize); action-feature
 * checkpoints name theirs (architecture.encoder), so that a checkpoint always meets the
 * encoding it was trained with. An unknown encoder name is refused with BAD_CONFIG.
 */
import { GameError } from '../../games/core/errors.ts';
import type { ActionSpace, AnyGame } from '../../games/core/types.ts';
import { SLOT_CODES } from '../../games/vgc/actions.ts';
import {
  ACTION_FEATURES,
  FEATURE_SIZE,
  PREVIEW_CHOICES,
  PREVIEW_FEATURES,
  STATE_SIZE,
  encodeFeatures,
} from '../vgc/features.ts';
import {
  actionFeatureArchitectureSchema,
  type ActionFeatureArchitecture,
  type PolicyArchitecture,
} from './architecture.ts';

export interface InputEncoder {
  /** Length of one encoded observation. */
  size: number;
  /** Encode into `out` (length `size`) and return it. */
  encode(obs: unknown, out: Float32Array): Float32Array;
}

interface FeatureEncoder {
  game: string;
  size: number;
  encode(obs: unknown, out: Float32Array): Float32Array;
  /** The action-feature layout this encoder writes. */
  layout: Pick<
    ActionFeatureArchitecture,
    'stateSize' | 'slots' | 'codes' | 'actionFeatures' | 'previewChoices' | 'previewFeatures'
  >;
}

export const FEATURE_ENCODERS: Readonly<Record<string, FeatureEncoder>> = {
  'vgc-features-v1': {
    game: 'vgc',
    size: FEATURE_SIZE,
    encode: (obs, out) => encodeFeatures(obs as never, out),
    layout: {
      stateSize: STATE_SIZE,
      slots: 2,
      codes: SLOT_CODES,
      actionFeatures: ACTION_FEATURES,
      previewChoices: PREVIEW_CHOICES,
      previewFeatures: PREVIEW_FEATURES,
    },
  },
};

/** The encoder a policy of this architecture reads its input with. */
export function inputEncoder(arch: PolicyArchitecture | undefined, game: AnyGame, config: unknown): InputEncoder {
  if (!arch || arch.format === 'ludus-mlp-v1')
    return { size: game.obsSize(config), encode: (o, out) => game.encode(o, out) };
  const e = FEATURE_ENCODERS[arch.encoder];
  if (!e)
    throw new GameError(
      'BAD_CONFIG',
      `policy input encoder ${JSON.stringify(arch.encoder)} is unknown (known: ${Object.keys(FEATURE_ENCODERS).join(', ')})`,
    );
  if (e.game !== game.id)
    throw new GameError('BAD_CONFIG', `policy input encoder ${arch.encoder} is for ${e.game}, not ${game.id}`);
  return { size: e.size, encode: e.encode };
}

/** The names of the feature encoders for a game ([] when it has none). */
export function featureEncodersFor(gameId: string): string[] {
  return Object.entries(FEATURE_ENCODERS)
    .filter(([, e]) => e.game === gameId)
    .map(([k]) => k);
}

/** An action-feature architecture for a named encoder and the game's action space. */
export function actionFeatureArchitecture(
  encoder: string,
  space: ActionSpace,
  opts: { hidden?: number[]; actionHidden?: number } = {},
): ActionFeatureArchitecture {
  const e = FEATURE_ENCODERS[encoder];
  if (!e)
    throw new GameError(
      'BAD_CONFIG',
      `unknown feature encoder ${JSON.stringify(encoder)} (known: ${Object.keys(FEATURE_ENCODERS).join(', ')})`,
    );
  if (space.kind !== 'discrete')
    throw new GameError('BAD_CONFIG', 'action-feature policies need a discrete action space');
  return actionFeatureArchitectureSchema.parse({
    format: 'ludus-actfeat-v1',
    encoder,
    obsSize: e.size,
    history: 1,
    ...e.layout,
    hidden: opts.hidden ?? [64, 64],
    actionHidden: opts.actionHidden ?? 32,
    activation: 'tanh',
    head: { kind: 'categorical', n: space.n },
  });
}
