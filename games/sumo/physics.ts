/**
 * The planck (Box2D) scene of RoboSumo-lite: two dynamic discs on a frictionless plane, seen from
 * above (no gravity). Floor friction is modelled by linear and angular damping; the ring is not a
 * physical object (robots may drive over its edge, which is the whole game).
 *
 * Determinism and exact clones: warm starting and sleeping are switched off and there is no static
 * body (so no time-of-impact sub-stepping), which leaves a Box2D world whose future depends only
 * on each body's position, angle and velocities. A world rebuilt from those numbers therefore
 * steps exactly like the original (test/sumo/determinism.test.ts checks it).
 */
import { Body, Circle, World } from 'planck';
import type { SumoConfig } from './config.ts';

type Physics = SumoConfig['physics'];

/** Everything that determines a body's future; exactly what `serialize` stores per robot. */
export interface BodyState {
  x: number;
  y: number;
  angle: number;
  vx: number;
  vy: number;
  omega: number;
}

export interface Scene {
  world: World;
  bodies: [Body, Body];
  /** Reused force vector (planck adds it into the body's force accumulator). */
  force: { x: number; y: number };
  /**
   * Written by `advance`: per robot, the physics step of the last decision from which its centre
   * stayed outside the ring (−1 = inside at the end). Scratch for the rules of that decision only;
   * not part of the state (a decision never starts with a robot outside).
   */
  outSince: [number, number];
}

export function createScene(physics: Physics, robots: readonly [BodyState, BodyState]): Scene {
  const world = new World({
    gravity: { x: 0, y: 0 },
    allowSleep: false,
    warmStarting: false,
    continuousPhysics: false,
  });
  const area = Math.PI * physics.robotRadius * physics.robotRadius;
  const make = (r: BodyState) => {
    const body = world.createBody({
      type: 'dynamic',
      position: { x: r.x, y: r.y },
      angle: r.angle,
      linearVelocity: { x: r.vx, y: r.vy },
      angularVelocity: r.omega,
      linearDamping: physics.linearDamping,
      angularDamping: physics.angularDamping,
      allowSleep: false,
    });
    // planck derives the sweep angle as atan2(sin a, cos a), i.e. wrapped to (−π, π] and off by
    // an ulp now and then; the integrator keeps the unwrapped angle, so restore it exactly or a
    // rebuilt world would drift from the original (internal field, planck 1.4).
    const sweep = (body as unknown as { m_sweep: { a: number; a0: number } }).m_sweep;
    sweep.a = r.angle;
    sweep.a0 = r.angle;
    body.createFixture(new Circle(physics.robotRadius), {
      density: physics.mass / area,
      friction: physics.friction,
      restitution: physics.restitution,
    });
    return body;
  };
  // Creation order fixes the body list order, hence the solver order: always seat 0 then seat 1.
  const b0 = make(robots[0]);
  const b1 = make(robots[1]);
  return { world, bodies: [b0, b1], force: { x: 0, y: 0 }, outSince: [-1, -1] };
}

export function readBody(body: Body, out: BodyState): BodyState {
  const p = body.getPosition();
  const v = body.getLinearVelocity();
  out.x = p.x;
  out.y = p.y;
  out.angle = body.getAngle();
  out.vx = v.x;
  out.vy = v.y;
  out.omega = body.getAngularVelocity();
  return out;
}

/** True when the two robots' shapes overlap according to Box2D's narrow phase. */
function touching(world: World): boolean {
  for (let c = world.getContactList(); c; c = c.getNext()) if (c.isTouching()) return true;
  return false;
}

/** Whether a body's centre is farther than `radius` from the ring centre (rules.ts: out of the ring). */
export function isOutside(body: Body, radius: number): boolean {
  const p = body.getPosition();
  return Math.sqrt(p.x * p.x + p.y * p.y) > radius;
}

/**
 * Advance `frameSkip` physics steps with controls held: thrust (−1..1) along the current heading
 * and turn (−1..1) as torque, both re-applied every physics step because Box2D clears forces
 * after each step. Returns whether the robots touched at the end of any of these steps, and
 * records in `scene.outSince` since which step each robot has been outside a ring of `radius`.
 */
export function advance(
  scene: Scene,
  physics: Physics,
  t0: number,
  r0: number,
  t1: number,
  r1: number,
  radius = Infinity,
): boolean {
  const { world, bodies, force, outSince } = scene;
  outSince[0] = -1;
  outSince[1] = -1;
  const b0 = bodies[0];
  const b1 = bodies[1];
  const f0 = t0 * physics.maxForce;
  const f1 = t1 * physics.maxForce;
  const q0 = r0 * physics.maxTorque;
  const q1 = r1 * physics.maxTorque;
  let touched = false;
  for (let k = 0; k < physics.frameSkip; k++) {
    if (f0 !== 0) {
      const a = b0.getAngle();
      force.x = f0 * Math.cos(a);
      force.y = f0 * Math.sin(a);
      b0.applyForceToCenter(force, false);
    }
    if (q0 !== 0) b0.applyTorque(q0, false);
    if (f1 !== 0) {
      const a = b1.getAngle();
      force.x = f1 * Math.cos(a);
      force.y = f1 * Math.sin(a);
      b1.applyForceToCenter(force, false);
    }
    if (q1 !== 0) b1.applyTorque(q1, false);
    world.step(physics.dt, physics.velocityIterations, physics.positionIterations);
    if (!touched && touching(world)) touched = true;
    if (isOutside(b0, radius)) {
      if (outSince[0] < 0) outSince[0] = k;
    } else outSince[0] = -1;
    if (isOutside(b1, radius)) {
      if (outSince[1] < 0) outSince[1] = k;
    } else outSince[1] = -1;
  }
  return touched;
}
