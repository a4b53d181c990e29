/**
 * VGC-lite config. Teams come from the sample pool (default; `pool` restricts which indices each
 * seat may draw, so one can train on some teams and test on unseen ones), from explicit `teams`
 * (one per seat, or one shared), or from the seeded random generator.
 */
import { z } from 'zod';
import { GameError } from '../core/errors.ts';
import { poolSelection } from './pool.ts';
import { teamErrors, teamSpecSchema } from './teams.ts';

/** Longest pool selector (string length, or list length): far more than the pool's 72 teams need. */
export const MAX_SELECTOR = 1000;

export const configSchema = z
  .object({
    /** Turns before the battle is decided on creatures left, then HP fraction. */
    turnCap: z.number().int().min(1).max(1000).default(100),
    /** Where teams come from. */
    teamSource: z.enum(['pool', 'random', 'explicit']).default('pool'),
    /** Pool indices each seat draws from, e.g. '0-63', 5 or [0, 5, 7]. Default: the whole pool. */
    pool: z
      .union([z.string().max(MAX_SELECTOR), z.number().int(), z.array(z.number().int()).max(MAX_SELECTOR)], {
        error: `pool must be a selector like '0-63' or '1,5,9-12' (at most ${MAX_SELECTOR} characters), an index, or a list of at most ${MAX_SELECTOR} indices`,
      })
      .optional(),
    /** Explicit teams for teamSource 'explicit': one per seat, or one for both. */
    teams: z.array(teamSpecSchema).min(1).max(2).optional(),
  })
  .strict()
  .superRefine((c, ctx) => {
    if (c.pool !== undefined) {
      try {
        poolSelection(c.pool);
      } catch (e) {
        ctx.addIssue({ code: 'custom', path: ['pool'], message: e instanceof GameError ? e.message : String(e) });
      }
    }
    if (c.teamSource === 'explicit' && !c.teams)
      ctx.addIssue({ code: 'custom', path: ['teams'], message: "teamSource 'explicit' needs teams" });
    if (c.teamSource !== 'explicit' && c.teams)
      ctx.addIssue({ code: 'custom', path: ['teams'], message: "teams are only used with teamSource 'explicit'" });
    c.teams?.forEach((t, i) => {
      for (const err of teamErrors(t)) ctx.addIssue({ code: 'custom', path: ['teams', i], message: err });
    });
  });

export type VgcConfig = z.infer<typeof configSchema>;
