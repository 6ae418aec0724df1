import { describe, expect, it } from 'vitest';
import { coalesceRuns } from './coalesced-runs.ts';

describe('coalesceRuns', () => {
  it('runs one call at a time, shares a call waiting to start, and starts afresh for a call made while one runs', async () => {
    const log: string[] = [];
    let release: () => void = () => undefined;
    const run = coalesceRuns(async (name: string) => {
      log.push(`start ${name}`);
      await new Promise<void>((resolve) => (release = resolve));
      log.push(`end ${name}`);
      return name;
    });
    const first = run('a');
    // Asked for before 'a' starts: the same work, so the same promise.
    expect(run('early')).toBe(first);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(log).toEqual(['start a']);
    // Asked for while 'a' runs: waits for it, then runs once for both callers.
    const second = run('b');
    const third = run('c');
    expect(third).toBe(second);
    expect(second).not.toBe(first);
    release();
    expect(await first).toBe('a');
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(log).toEqual(['start a', 'end a', 'start b']);
    release();
    expect(await second).toBe('b');
    expect(log).toEqual(['start a', 'end a', 'start b', 'end b']);
  });

  it('goes on after a failed run', async () => {
    let calls = 0;
    const run = coalesceRuns(() => {
      calls += 1;
      return calls === 1 ? Promise.reject(new Error('first fails')) : Promise.resolve(calls);
    });
    await expect(run(undefined)).rejects.toThrow('first fails');
    expect(await run(undefined)).toBe(2);
  });
});
