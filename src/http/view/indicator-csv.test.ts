import { describe, expect, it } from 'vitest';
import { newReport, newSiteCard } from '../test-kit.ts';
import { indicatorReportToCsv } from './indicator-csv.ts';

describe('indicatorReportToCsv', () => {
  const card = newSiteCard({ year: 2026 });
  const indicator = card.indicators[0]!;

  it('writes a header, one row per month, then the whole year, with CRLF line ends', () => {
    const csv = indicatorReportToCsv(newReport(card, indicator, { year: 2026, monthly: [96, null] }));
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe('service,indicator,edition,period,granularity,from,to,value,unit,numerator,denominator,target,target_comparator,target_value,status,budget_left,forecast,as_of');
    expect(lines[1]).toBe(`${card.service.slug},accessibilita-multicanale,2026,2026-01,month,2026-01-01,2026-01-31,96,percent,384,400,95%,>=,95,met,10,97,2026-01-31`);
    expect(lines[2]).toBe(`${card.service.slug},accessibilita-multicanale,2026,2026-02,month,2026-02-01,2026-02-28,,percent,,,95%,>=,95,no-data,10,97,2026-02-28`);
    expect(lines[3]).toMatch(/,2026,year,2026-01-01,2026-12-31,97.5,/);
    expect(lines[4]).toBe('');
  });

  it.each([
    ['95%, salvo "festivi"', '"95%, salvo ""festivi"""'],
    ['=HYPERLINK("http://x")', '"\'=HYPERLINK(""http://x"")"'],
    ['-1', "'-1"],
    ['@SUM(A1)', "'@SUM(A1)"],
  ])('quotes and defuses the target text %j', (text, cell) => {
    const report = newReport(card, { ...indicator, target: { ...indicator.target, text } }, { year: 2026, monthly: [96] });
    expect(indicatorReportToCsv(report).split('\r\n')[1]).toContain(`,${cell},`);
  });

  it('writes only the header when nothing is measured', () => {
    expect(indicatorReportToCsv(undefined).split('\r\n')).toHaveLength(2);
  });
});
