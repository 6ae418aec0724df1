import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from './index.ts';

const folder = fileURLToPath(new URL('.', import.meta.url));
const migrationFiles = readdirSync(folder)
  .filter((file) => file.endsWith('.ts') && file !== 'index.ts' && !file.endsWith('.test.ts'))
  .map((file) => file.replace(/\.ts$/, ''));
const listed = MIGRATIONS.map(([name]) => name);

describe('the migration list', () => {
  it('names every migration file of the folder', () => {
    expect([...listed].sort()).toEqual([...migrationFiles].sort());
  });

  it('is in name order, so new migrations run after the existing ones', () => {
    expect(listed).toEqual([...listed].sort());
  });

  it('has no name twice', () => {
    expect(new Set(listed).size).toBe(listed.length);
  });

  it.each(migrationFiles)('names %s as <14-digit timestamp>_<snake_name>', (name) => {
    expect(name).toMatch(/^\d{14}_[a-z0-9]+(_[a-z0-9]+)*$/);
  });
});
