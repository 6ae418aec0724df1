import { describe, expect, it } from 'vitest';
import { chunksOf, IN_LIST_LIMIT } from './chunks.ts';

describe('chunksOf', () => {
  it('keeps every run at or under the limit, in order, at the boundaries', () => {
    const items = (n: number) => Array.from({ length: n }, (_, i) => i);
    expect(chunksOf([])).toEqual([]);
    expect(chunksOf(items(IN_LIST_LIMIT)).map((chunk) => chunk.length)).toEqual([IN_LIST_LIMIT]);
    expect(chunksOf(items(IN_LIST_LIMIT + 1)).map((chunk) => chunk.length)).toEqual([IN_LIST_LIMIT, 1]);
    expect(chunksOf(items(7), 3)).toEqual([[0, 1, 2], [3, 4, 5], [6]]);
  });
});
