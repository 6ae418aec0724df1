import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ingestEvents } from '../actions/ingest-events.action.ts';
import { KIT_INDICATORS, rows } from '../actions/events.test-kit.ts';
import { runCommand, seedKit, withDatabase } from './events-commands.test-kit.ts';
import { registerReportCommand, type ReportJson } from './report.command.ts';

async function reportedKit() {
  const url = join(mkdtempSync(join(tmpdir(), 'misura-report-')), 'misura.db');
  const service = await seedKit(url, KIT_INDICATORS.filter((kit) => ['ratio', 'duration'].includes(kit.measure.kind)));
  await withDatabase(url, (database) =>
    ingestEvents({ database }, rows(
      { id: 'c1', kind: 'call.received', at: '2026-03-02T09:00:00+01:00', attributes: { answered: true } },
      { id: 'c2', kind: 'call.received', at: '2026-03-02T09:05:00+01:00', attributes: { answered: true } },
      { id: 'o1', kind: 'request.opened', subject: 'R', at: '2026-03-02T09:00:00+01:00' },
      { id: 'e1', kind: 'request.closed', subject: 'R', at: '2026-03-04T09:00:00+01:00' },
    ), { mode: 'all-or-nothing' }),
  );
  return { url, service };
}

describe('misura report', () => {
  it('prints the JSON contract: year, asOf and one flat object per indicator with its periods', async () => {
    const { url, service } = await reportedKit();
    const result = await runCommand(registerReportCommand, url, ['report', '--year', '2026', '--period', 'quarter', '--json']);
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout) as ReportJson;
    expect(json).toMatchObject({ year: 2026, granularity: 'quarter', asOf: '2026-03-09' });
    expect(json.indicators).toHaveLength(2);
    expect(json.indicators[0]).toMatchObject({
      indicator: 'chiamate-risposte',
      card: { service, edition: '2026', year: 2026 },
      service: { slug: service },
      dimension: 'Accessibilità',
      measure: { kind: 'ratio' },
      value: 100,
      numerator: 2,
      denominator: 2,
      unit: 'percent',
      target: { text: '90%', comparator: '>=', value: 90, unit: 'percent' },
      status: expect.stringMatching(/^(met|at-risk)$/),
      budgetLeft: expect.any(Number),
      forecast: expect.any(Number),
      asOf: '2026-03-09',
      explanation: expect.any(String),
      periods: [{ period: '2026-Q1', from: '2026-01-01', to: '2026-03-31', value: 100 }],
    });
    expect(json.indicators[1]).toMatchObject({ indicator: 'tempi-risposta', value: 2, unit: 'working-days', status: 'met' });
  });

  it('prints a table with service, indicator, value, target, status, budget and forecast', async () => {
    const { url, service } = await reportedKit();
    const { code, stdout } = await runCommand(registerReportCommand, url, ['report', '--year', '2026']);
    expect(code).toBe(0);
    const lines = stdout.split('\n');
    expect(lines[0]).toBe('Report 2026, data up to 2026-03-09');
    expect(lines[1]).toMatch(/^service\s+indicator\s+value\s+target\s+status\s+budget\s+forecast$/);
    expect(lines[3]).toMatch(new RegExp(`^${service} \\(2026\\)\\s+chiamate-risposte\\s+100%\\s+≥ 90%\\s+(met|at-risk)\\s+\\d+\\s+100%$`));
    expect(lines[4]).toMatch(/tempi-risposta\s+2 working days\s+≤ 5 working days\s+met\s+\S+\s+—$/);
  });

  it.each([
    [['report', '--year', '2026', '--period', 'week'], '--period must be month, quarter or year'],
    [['report', '--year', 'soon'], '--year must be a year'],
    [['report'], "required option '--year <year>' not specified"],
  ])('refuses %j', async (args, message) => {
    const url = join(mkdtempSync(join(tmpdir(), 'misura-report-')), 'misura.db');
    const result = await runCommand(registerReportCommand, url, args);
    expect(result).toMatchObject({ code: 2, stderr: expect.stringContaining(message) });
  });
});
