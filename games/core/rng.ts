/**
 * The one seeded PRNG of every engine: xoroshiro128+ from `pure-rand`, wrapped so that its
 * state is a plain array of four int32 (serialisable, hashable) and so that hot loops pay no
 * allocation per draw. Nothing in games/ may use Math.random or a clock.
 */
import { xoroshiro128plusFromState } from 'pure-rand/generator/xoroshiro128plus';
import type { JumpableRandomGenerator } from 'pure-rand/types/JumpableRandomGenerator';

export type RngState = readonly number[];

export class Rng {
  private constructor(private gen: JumpableRandomGenerator) {}

  /**
   * A generator from a seed. Strings and big numbers are folded to 32 bits first, then the seed is
   * expanded to the 128-bit state with SplitMix32 (as recommended for seeding the xoroshiro family,
   * Blackman & Vigna 2018, §5). pure-rand's own `xoroshiro128plus(seed)` puts the seed straight into
   * a low-entropy state, whose first draws are nearly constant across small seeds.
   */
  static seeded(seed: number | string): Rng {
    let x = foldSeed(seed);
    const words: number[] = [];
    for (let i = 0; i < 4; i++) {
      // SplitMix32 (Steele, Lea & Flood 2014, 32-bit variant with the MurmurHash3 finaliser).
      x = (x + 0x9e3779b9) | 0;
      let z = x;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      words.push((z ^ (z >>> 16)) | 0);
    }
    if (!words.some((w) => w !== 0)) words[0] = 1; // the all-zero state is a fixed point
    return new Rng(xoroshiro128plusFromState(words));
  }

  static fromState(state: RngState): Rng {
    return new Rng(xoroshiro128plusFromState(state));
  }

  /** A child stream that is independent of this one for practical purposes (used for agents). */
  static derive(seed: number | string, ...labels: (string | number)[]): Rng {
    return Rng.seeded(deriveSeed(seed, ...labels));
  }

  state(): number[] {
    return [...this.gen.getState()];
  }

  clone(): Rng {
    return new Rng(this.gen.clone());
  }

  /** Uniform uint32. */
  uint32(): number {
    return this.gen.next() >>> 0;
  }

  /** Uniform float in [0, 1) with 53 bits of randomness. */
  float(): number {
    const hi = this.gen.next() >>> 5; // 27 bits
    const lo = this.gen.next() >>> 6; // 26 bits
    return (hi * 67108864 + lo) / 9007199254740992;
  }

  /** Uniform integer in [0, n). Rejection sampling keeps it unbiased. */
  int(n: number): number {
    if (!(n >= 1) || n > 0x100000000 || !Number.isInteger(n)) throw new RangeError(`Rng.int: bad bound ${n}`);
    if (n === 1) return 0;
    const limit = 0x100000000 - (0x100000000 % n);
    let x = this.uint32();
    while (x >= limit) x = this.uint32();
    return x % n;
  }

  /** Uniform float in [lo, hi). */
  uniform(lo: number, hi: number): number {
    return lo + (hi - lo) * this.float();
  }

  /** True with probability p. p = 0 and p = 1 draw nothing, so they never shift the stream. */
  chance(p: number): boolean {
    if (p <= 0) return false;
    if (p >= 1) return true;
    return this.float() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('Rng.pick: empty list');
    return items[this.int(items.length)]!;
  }

  /** Fisher–Yates, in place. */
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      const t = items[i]!;
      items[i] = items[j]!;
      items[j] = t;
    }
    return items;
  }

  /** Standard normal (Box–Muller). */
  normal(): number {
    let u = 0;
    while (u === 0) u = this.float();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.float());
  }
}

/** FNV-1a over the string form, so that any seed (number or text) becomes a uint32. */
export function foldSeed(seed: number | string): number {
  if (typeof seed === 'number' && Number.isInteger(seed) && seed >= 0 && seed <= 0xffffffff) return seed;
  const s = String(seed);
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** A seed for a sub-stream, e.g. deriveSeed(matchSeed, 'agent', seat). */
export function deriveSeed(seed: number | string, ...labels: (string | number)[]): number {
  return foldSeed([foldSeed(seed), ...labels].join('/'));
}
