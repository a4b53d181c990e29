/**
 * RoboSumo-lite configuration: the rules after gym-compete's `sumo.py`
 * (openai/multiagent-competition, gym-compete/gym_compete/new_envs/sumo.py), the physics of the
 * 2-D robots, and the reward switches. `sumoConfigSchema.parse({})` is the default game.
 */
import { z } from 'zod';

const physicsSchema = z
  .object({
    /** Fixed physics step in seconds. */
    dt: z.number().positive().max(0.1).default(1 / 60),
    /**
     * Physics steps per decision. 3 × 1/60 s = 0.05 s per decision, the same decision period as
     * gym-compete (MuJoCo timestep 0.01 × frame_skip 5), so 500 decisions = 25 s of play.
     */
    frameSkip: z.number().int().min(1).max(100).default(3),
    /** Robot disc radius (m). */
    robotRadius: z.number().positive().max(1).default(0.25),
    /** Robot mass (kg); the density is derived from it. */
    mass: z.number().positive().default(1),
    /** Thrust force at |thrust| = 1 (N), along the heading. */
    maxForce: z.number().positive().default(3),
    /** Turning torque at |turn| = 1 (N·m). */
    maxTorque: z.number().positive().default(0.6),
    /** Linear damping (1/s), standing in for floor friction: top speed = maxForce / (mass · damping). */
    linearDamping: z.number().min(0).default(1.5),
    /** Angular damping (1/s), standing in for floor friction on turning. */
    angularDamping: z.number().min(0).default(8),
    /** Coulomb friction between the two robots. */
    friction: z.number().min(0).default(0.5),
    /** Bounciness of robot-robot collisions. */
    restitution: z.number().min(0).max(1).default(0.2),
    velocityIterations: z.number().int().min(1).max(50).default(8),
    positionIterations: z.number().int().min(1).max(50).default(3),
  })
  .strict();

const outcomeSchema = z
  .object({
    /**
     * gym-compete: the robot that leaves the ring gets −GOAL_REWARD, the other gets +GOAL_REWARD
     * only if the robots touched during the episode. 'no-win' keeps that rule (the match is then
     * not won by anyone: winner null); 'win' gives the other robot the win anyway
     * (adversarial-policies' SumoAutoContactEnv does this by pretending they touched).
     */
    ringOutWithoutContact: z.enum(['no-win', 'win']).default('no-win'),
    /** Reward of each robot at the episode cap. gym-compete gives both −GOAL_REWARD (scaled: −1). */
    timeoutReward: z.number().min(-1).max(1).default(-1),
  })
  .strict();

const shapingSchema = z
  .object({
    /** Per decision: −centre · (own distance from the ring centre, m). gym-compete's move-to-centre term. */
    centre: z.number().min(0).default(0),
    /** Per decision: −control · ‖a‖² with a = [thrust, turn] after clamping (gym-compete uses 0.1). */
    control: z.number().min(0).default(0),
    /**
     * Per decision in which the robots touch: + contact. Negative = a contact cost as in gym-compete;
     * positive = a bonus that teaches engaging early.
     */
    contact: z.number().default(0),
  })
  .strict();

export const sumoConfigSchema = z
  .object({
    /** Episode cap in decisions (gym-compete: 500). */
    maxSteps: z.number().int().min(1).max(100_000).default(500),
    /** Ring radius drawn uniformly in [radiusMin, current max] (gym-compete humanoids: 1.5–3.5; ants 2.5–4.5). */
    radiusMin: z.number().min(0.8).max(20).default(1.5),
    radiusMax: z.number().min(0.8).max(20).default(3.5),
    /**
     * Curriculum version (gym-compete `_reset_max_radius`): current max = min(radiusMax,
     * radiusMin + 0.1·e^(0.001·version)). null = no curriculum, the radius ranges up to radiusMax.
     */
    curriculumVersion: z.number().int().min(0).nullable().default(null),
    /** 'continuous': [thrust, turn] ∈ [−1, 1]²; 'discrete': 9 actions, thrust and turn each in {−1, 0, 1}. */
    actionMode: z.enum(['continuous', 'discrete']).default('continuous'),
    physics: physicsSchema.default(physicsSchema.parse({})),
    outcome: outcomeSchema.default(outcomeSchema.parse({})),
    shaping: shapingSchema.default(shapingSchema.parse({})),
  })
  .strict()
  .refine((c) => c.radiusMin <= c.radiusMax, { message: 'radiusMin must not exceed radiusMax' })
  .refine((c) => c.radiusMin > 4 * c.physics.robotRadius, { message: 'radiusMin must exceed 4 robot radii (both robots must fit)' });

export type SumoConfig = z.infer<typeof sumoConfigSchema>;

/** gym-compete `_reset_max_radius`: min(MAX_RADIUS, MIN_RADIUS + 0.1·exp(0.001·version)). */
export function curriculumMaxRadius(radiusMin: number, radiusMax: number, version: number | null): number {
  if (version === null) return radiusMax;
  return Math.min(radiusMax, radiusMin + 0.1 * Math.exp(0.001 * version));
}
