/**
 * A small seeded pseudo-random generator (mulberry32): the same seed gives the same demo, byte for byte, on every
 * machine, which Math.random cannot promise.
 */
export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** A float in [min, max). */
  between(min: number, max: number): number {
    return min + this.next() * (max - min);
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /** One item, uniformly. */
  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new Error('cannot pick from an empty list');
    return item;
  }

  /** One item, with probability proportional to its weight. */
  weighted<T>(items: readonly (readonly [T, number])[]): T {
    const total = items.reduce((sum, [, weight]) => sum + weight, 0);
    let r = this.next() * total;
    for (const [item, weight] of items) {
      r -= weight;
      if (r < 0) return item;
    }
    const last = items[items.length - 1];
    if (last === undefined) throw new Error('cannot pick from an empty list');
    return last[0];
  }

  /** A whole count around a mean (normal approximation of a Poisson count), never negative. */
  count(mean: number): number {
    if (mean <= 0) return 0;
    // Box-Muller; 1 - next() keeps the logarithm away from 0.
    const gauss = Math.sqrt(-2 * Math.log(1 - this.next())) * Math.cos(2 * Math.PI * this.next());
    return Math.max(0, Math.round(mean + Math.sqrt(mean) * gauss));
  }

  /** `n` distinct integers from [0, size), in increasing order (all of them when n ≥ size). */
  sample(size: number, n: number): number[] {
    const pool = Array.from({ length: size }, (_, index) => index);
    const take = Math.max(0, Math.min(n, size));
    for (let i = 0; i < take; i++) {
      const j = i + Math.floor(this.next() * (size - i));
      const swap = pool[i] as number;
      pool[i] = pool[j] as number;
      pool[j] = swap;
    }
    return pool.slice(0, take).sort((a, b) => a - b);
  }
}

/**
 * The generator of one stream of the demo (portal checks, calls…), derived from the demo's seed and the stream's
 * name, so that changing one stream never shifts the numbers of another.
 */
export function randomFor(seed: number, stream: string): Random {
  // FNV-1a of the stream name, mixed with the seed.
  let hash = 0x811c9dc5;
  for (let i = 0; i < stream.length; i++) {
    hash ^= stream.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return new Random((hash ^ Math.imul(seed >>> 0, 0x9e3779b1)) >>> 0);
}

/**
 * Spreads rare outcomes evenly (error diffusion): `next(p)` is true about p of the time, and after n calls the number of
 * trues is within one of the sum of the p's. The demo uses it where a share sits close to its target, so the
 * outcome (met or missed) does not depend on luck or on the date the demo is built.
 */
export class Quota {
  private carry: number;

  /** `start` in [0, 1): near 1 the first true comes at once, at 0 it comes after about 1/p calls. */
  constructor(start = 0) {
    this.carry = start;
  }

  next(p: number): boolean {
    this.carry += p;
    if (this.carry >= 1) {
      this.carry -= 1;
      return true;
    }
    return false;
  }
}
