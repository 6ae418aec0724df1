import { PUBLISH_NOW } from '../../test/factories.ts';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importCards } from '../actions/import-cards.action.ts';
import { listAuditLog } from '../actions/list-audit-log.action.ts';
import { KIT_INDICATORS, kitCard } from '../actions/events.test-kit.ts';
import { runCommand, seedKit, withDatabase } from './events-commands.test-kit.ts';
import { registerMeasuresCommand } from './measures.command.ts';

function workspace() {
  const dir = mkdtempSync(join(tmpdir(), 'misura-measures-'));
  return { dir, url: join(dir, 'misura.db') };
}

describe('misura measures', () => {
  it('exports YAML that applies back unchanged, and JSON to a file', async () => {
    const { dir, url } = workspace();
    const service = await seedKit(url);
    const exported = await runCommand(registerMeasuresCommand, url, ['measures', 'export']);
    expect(exported.code).toBe(0);
    expect(exported.stdout).toMatch(/^# misura measures/);
    expect(exported.stdout).toContain(`service: ${service}`);
    const yaml = join(dir, 'measures.yaml');
    writeFileSync(yaml, exported.stdout);
    const applied = await runCommand(registerMeasuresCommand, url, ['measures', 'apply', yaml]);
    expect(applied.code).toBe(0);
    expect(applied.stdout).toContain(`unchanged ${service} 2026 chiamate-risposte`);
    expect(applied.stdout).toContain(`${KIT_INDICATORS.length} measures, 0 new or changed; 0 day rollups rebuilt`);
    const json = join(dir, 'measures.json');
    expect(await runCommand(registerMeasuresCommand, url, ['measures', 'export', '--out', json])).toMatchObject({ code: 0, stdout: `measures written to ${json}` });
    expect((JSON.parse(readFileSync(json, 'utf8')) as { measures: unknown[] }).measures).toHaveLength(KIT_INDICATORS.length);
  });

  it('prints a commented skeleton of every indicator still to measure, which applies as it is and, filled in, measures it', async () => {
    const { dir, url } = workspace();
    const card = kitCard(2026);
    await withDatabase(url, (database) => importCards({ database }, [{ organisation: null, card, doubts: [] }]));
    const exported = await runCommand(registerMeasuresCommand, url, ['measures', 'export']);
    expect(exported.stdout).toContain('measures: []');
    expect(exported.stdout).toContain(`# Still to measure (${KIT_INDICATORS.length})`);
    expect(exported.stdout).toContain(`# - service: ${card.service.slug}\n#   edition: "2026"\n#   indicator: disservizi\n#   # Accesso on line dal portale — valore programmato: 3 giorni\n#   measure:\n#     kind: duration`);
    const path = join(dir, 'measures.yaml');
    writeFileSync(path, exported.stdout);
    expect((await runCommand(registerMeasuresCommand, url, ['measures', 'apply', path])).code).toBe(0);
    // The quality office fills one in: it is measured, and leaves the skeleton.
    const filled = exported.stdout
      .replace('measures: []', `measures:\n  - service: ${card.service.slug}\n    edition: "2026"\n    indicator: disservizi\n    measure:\n      kind: count\n      select: { kind: disruption }\n      count: days`);
    writeFileSync(path, filled);
    expect((await runCommand(registerMeasuresCommand, url, ['measures', 'apply', path])).stdout).toMatch(new RegExp(`created +${card.service.slug} 2026 disservizi`));
    const again = await runCommand(registerMeasuresCommand, url, ['measures', 'export']);
    expect(again.stdout).toContain(`# Still to measure (${KIT_INDICATORS.length - 1})`);
    expect(again.stdout).not.toContain('#   indicator: disservizi');
    // Audited as the person at the terminal, before and after, as the card editor audits the person signed in.
    const audited = await withDatabase(url, (database) => listAuditLog({ database }, { action: 'measure.apply' }));
    expect(audited.map((r) => [r.actor.startsWith('cli:'), r.entityKey, r.beforeJson])).toEqual([[true, `${card.service.slug}/2026/disservizi`, null]]);
    expect(JSON.parse(audited[0]?.afterJson ?? 'null')).toMatchObject({ uid: expect.any(String), measure: { kind: 'count', count: 'days' } });
  });

  it('exits 2 with the file and line of a measure that does not give the target\'s unit', async () => {
    const { dir, url } = workspace();
    const card = kitCard(2026);
    await withDatabase(url, (database) => importCards({ database }, [{ organisation: null, card, doubts: [] }], PUBLISH_NOW));
    const path = join(dir, 'measures.yaml');
    writeFileSync(path, ['measures:', `  - service: ${card.service.slug}`, '    edition: 2026', '    indicator: disservizi', '    measure:', '      kind: ratio', '      total: { kind: disruption }', '      good: []', ''].join('\n'));
    const result = await runCommand(registerMeasuresCommand, url, ['measures', 'apply', path]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(new RegExp(`^misura: ${path.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}:6, field "measures\\[0\\]\\.measure": measure does not give the target's unit`));
  });

  it('rebuilds all rollups or one indicator\'s, and insists on the three keys of one', async () => {
    const { url } = workspace();
    const service = await seedKit(url, KIT_INDICATORS.slice(0, 2));
    expect((await runCommand(registerMeasuresCommand, url, ['measures', 'rebuild'])).stdout).toBe('2 indicators, 0 day rollups rebuilt');
    expect((await runCommand(registerMeasuresCommand, url, ['measures', 'rebuild', '--service', service, '--edition', '2026', '--indicator', 'interventi'])).stdout).toBe('1 indicators, 0 day rollups rebuilt');
    const partial = await runCommand(registerMeasuresCommand, url, ['measures', 'rebuild', '--service', service]);
    expect(partial).toMatchObject({ code: 2, stderr: expect.stringContaining('give --service, --edition and --indicator together') });
  });

  it.each([
    [['measures', 'export', '--format', 'xml'], '--format must be yaml or json'],
    [['measures', 'apply', '/nowhere/m.yaml'], '/nowhere/m.yaml: file not found'],
  ])('refuses %j', async (args, message) => {
    const { url } = workspace();
    const result = await runCommand(registerMeasuresCommand, url, args);
    expect(result).toMatchObject({ code: 2, stderr: expect.stringContaining(message) });
  });
});
