import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ingestEvents } from '../actions/ingest-events.action.ts';
import { rows } from '../actions/events.test-kit.ts';
import { runCommand, withDatabase } from './events-commands.test-kit.ts';
import { registerSourcesCommand, silence } from './sources.command.ts';

describe('misura sources', () => {
  it('lists each source with its last event and how long it has been silent', async () => {
    const url = join(mkdtempSync(join(tmpdir(), 'misura-sources-')), 'misura.db');
    expect((await runCommand(registerSourcesCommand, url, ['sources'])).stdout).toMatch(/^No events yet/);
    await withDatabase(url, (database) =>
      ingestEvents({ database }, rows({ id: '1', source: 'probe', kind: 'check.http', at: '2026-03-08T09:00:00Z' }), { mode: 'all-or-nothing' }),
    );
    const result = await runCommand(registerSourcesCommand, url, ['sources'], new Date('2026-03-10T11:30:00Z'));
    expect(result.stdout.split('\n')).toEqual([
      'source  last event                silent for  events',
      'probe   2026-03-08T09:00:00.000Z  2d 2h       1',
    ]);
    const json = JSON.parse((await runCommand(registerSourcesCommand, url, ['sources', '--json'])).stdout) as { sources: unknown[] };
    expect(json.sources).toEqual([expect.objectContaining({ name: 'probe', eventCount: 1 })]);
  });

  it.each([
    [null, '—'],
    [0, '0s'],
    [45, '45s'],
    [3_725, '1h 2m'],
    [86_400 * 3 + 60, '3d 0h'],
  ])('writes %j seconds as %s', (seconds, text) => {
    expect(silence(seconds)).toBe(text);
  });
});
