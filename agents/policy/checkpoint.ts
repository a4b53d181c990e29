/**
 * Checkpoints: the CheckpointRecord of server/contracts.ts (weights as one little-endian
 * Float32Array in base64, the architecture, game, config, training metadata, parent), files on
 * disk, and `checkpointAgent(rec)`, which turns a record into an AgentSpec that plays in-process
 * through the plain-array forward pass. The agent samples with ctx.rng, so a match that involves
 * it is as reproducible as any other.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { GameError } from '../../games/core/errors.ts';
import type { Json } from '../../games/core/types.ts';
import type { CheckpointRecord } from '../../server/contracts.ts';
import type { AgentSpec } from '../core/agent.ts';
import { parseArchitecture, paramLayout, type PolicyArchitecture } from './architecture.ts';
import { Actor } from './actor.ts';
import { PlainPolicy } from './forward.ts';
import { clipToBox } from './heads.ts';
import { ObsStack } from './history.ts';
import { inputEncoder } from './encoders.ts';

/** Float32Array → base64 of its little-endian bytes (explicit, whatever the host's byte order). */
export function encodeWeights(w: Float32Array): string {
  const buf = Buffer.alloc(w.length * 4);
  for (let i = 0; i < w.length; i++) buf.writeFloatLE(w[i]!, i * 4);
  return buf.toString('base64');
}

export function decodeWeights(b64: string): Float32Array {
  const buf = Buffer.from(b64, 'base64');
  if (buf.length % 4 !== 0)
    throw new GameError('BAD_CONFIG', `checkpoint weights: ${buf.length} bytes is not a whole number of float32`);
  const w = new Float32Array(buf.length / 4);
  for (let i = 0; i < w.length; i++) w[i] = buf.readFloatLE(i * 4);
  return w;
}

const recordSchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  game: z.string().min(1),
  config: z.any(),
  architecture: z.any(),
  weights: z.string(),
  training: z.any(),
  parent: z.string().nullable(),
  createdAt: z.string(),
});

/** Validate an untrusted record (file or upload): shape, architecture, weight count. */
export function parseCheckpoint(raw: unknown): CheckpointRecord {
  const r = recordSchema.safeParse(raw);
  if (!r.success)
    throw new GameError(
      'BAD_CONFIG',
      `invalid checkpoint: ${r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  const arch = parseArchitecture(r.data.architecture);
  const n = decodeWeights(r.data.weights).length;
  const want = paramLayout(arch).total;
  if (n !== want)
    throw new GameError('BAD_CONFIG', `checkpoint ${r.data.id}: ${n} weights, architecture needs ${want}`);
  return r.data as CheckpointRecord;
}

export interface MakeCheckpoint {
  id: string;
  name: string;
  game: string;
  config: Json;
  architecture: PolicyArchitecture;
  params: Float32Array;
  training: Json;
  parent?: string | null;
  createdAt?: string;
}

export function makeCheckpoint(m: MakeCheckpoint): CheckpointRecord {
  return {
    id: m.id,
    name: m.name,
    game: m.game,
    config: m.config,
    architecture: m.architecture as unknown as Json,
    weights: encodeWeights(m.params),
    training: m.training,
    parent: m.parent ?? null,
    createdAt: m.createdAt ?? new Date().toISOString(),
  };
}

/** Writes `<dir>/<id>.json`; returns the path. */
export function saveCheckpointFile(dir: string, rec: CheckpointRecord): string {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `${rec.id}.json`);
  writeFileSync(path, JSON.stringify(rec));
  return path;
}

export function loadCheckpointFile(path: string): CheckpointRecord {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new GameError('BAD_CONFIG', `cannot read checkpoint ${path}: ${(e as Error).message}`);
  }
  return parseCheckpoint(raw);
}

export interface CheckpointAgentOptions {
  /** Play the most likely action instead of sampling (default false: sample with ctx.rng). */
  greedy?: boolean;
  /** Agent id (default: the checkpoint name). */
  id?: string;
}

/** An in-process agent from a checkpoint: plain-array forward pass, sampling with ctx.rng. */
export function checkpointAgent(rec: CheckpointRecord, opts: CheckpointAgentOptions = {}): AgentSpec {
  const arch = parseArchitecture(rec.architecture);
  const training = (rec.training ?? {}) as Record<string, Json>;
  return policyAgent(arch, decodeWeights(rec.weights), {
    id: opts.id ?? rec.name,
    game: rec.game,
    greedy: opts.greedy,
    description: `trained policy checkpoint ${rec.id} (${String(training.algo ?? 'ppo')}, ${arch.hidden.join('-')} ${arch.format === 'ludus-actfeat-v1' ? `action-feature network (${arch.encoder})` : 'MLP'}, ${arch.head.kind} head${arch.history > 1 ? `, history ${arch.history}` : ''})`,
    meta: { checkpoint: rec.id, parent: rec.parent, architecture: rec.architecture, training: rec.training },
  });
}

export interface PolicyAgentOptions {
  id: string;
  game: string;
  greedy?: boolean;
  description?: string;
  meta?: Record<string, unknown>;
}

/**
 * An agent from an architecture and weights held in memory (league snapshots, evaluation of the
 * current learner). The weights are used as given (not copied): pass a copy if they will change.
 */
export function policyAgent(arch: PolicyArchitecture, params: Float32Array, o: PolicyAgentOptions): AgentSpec {
  return {
    id: o.id,
    games: [o.game],
    title: o.id,
    description: o.description ?? `trained policy (${arch.hidden.join('-')} MLP, ${arch.head.kind} head)`,
    source: 'Ludus training (agents/train)',
    meta: o.meta,
    create(ctx) {
      if (ctx.game.id !== o.game)
        throw new GameError('UNKNOWN_AGENT', `policy ${o.id} plays ${o.game}, not ${ctx.game.id}`);
      const encoder = inputEncoder(arch, ctx.game, ctx.config);
      const obsSize = encoder.size;
      if (obsSize !== arch.obsSize)
        throw new GameError(
          'BAD_CONFIG',
          `policy ${o.id} expects observations of ${arch.obsSize}, this config gives ${obsSize}`,
        );
      // Each controller gets its own buffers: one match's state never leaks into another's.
      const actor = new Actor(new PlainPolicy(arch, params));
      const stack = new ObsStack(arch.obsSize, arch.history);
      const frame = new Float32Array(arch.obsSize);
      // Clip to the game's own box, not the one the checkpoint declares: an uploaded record may
      // declare a wider one, and the game refuses actions outside its box (SCHEMA).
      const space = ctx.game.actionSpace(ctx.config);
      const box = space.kind === 'box' ? space : arch.head.kind === 'gaussian' ? arch.head : undefined;
      return {
        act(obs, info) {
          const input = stack.push(encoder.encode(obs, frame));
          if (arch.head.kind === 'gaussian') {
            const d = actor.decide(input, undefined, ctx.rng, { greedy: o.greedy });
            return clipToBox(d.vector, box!.low, box!.high);
          }
          const d = actor.decide(input, info.mask(), ctx.rng, { greedy: o.greedy });
          if (info.indexToAction) return info.indexToAction(d.index);
          // Transports that do not offer indexToAction: games whose mapping ignores the state.
          return ctx.game.indexToAction(undefined, info.seat, d.index);
        },
      };
    },
  };
}
