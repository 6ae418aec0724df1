import type { ServiceSatisfaction } from '../domain/satisfaction/satisfaction-vote.ts';
import type { OpenDataCell, OpenDataColumn, OpenDataTable } from './opendata-table.ts';

/** The columns of the "soddisfazione" dataset, in file order: counts only, never a reason. */
export const SATISFACTION_COLUMNS: readonly OpenDataColumn[] = [
  { name: 'year', kind: 'integer' },
  { name: 'service', kind: 'text' },
  { name: 'channel', kind: 'text' },
  { name: 'positive', kind: 'integer' },
  { name: 'neutral', kind: 'integer' },
  { name: 'negative', kind: 'integer' },
  { name: 'total', kind: 'integer' },
  { name: 'positive_share', kind: 'number' },
];

/** One row per year, service and channel with votes, years ascending. */
export function satisfactionTableOf(years: readonly { year: number; services: readonly ServiceSatisfaction[] }[]): OpenDataTable {
  const rows = years.flatMap(({ year, services }) =>
    services.flatMap((service) =>
      service.channels.map(
        (channel): Record<string, OpenDataCell> => ({
          year,
          service: service.service,
          channel: channel.channel,
          positive: channel.counts.positive,
          neutral: channel.counts.neutral,
          negative: channel.counts.negative,
          total: channel.total,
          positive_share: channel.positiveShare,
        }),
      ),
    ),
  );
  return { columns: SATISFACTION_COLUMNS, rows };
}
