import type { FastifyPluginCallback } from 'fastify';
import type { EvaluationStatus } from '../../domain/evaluation/evaluation.ts';
import type { IndicatorReport } from '../../domain/evaluation/indicator-report.ts';
import { currentYearOf, type SiteDeps } from '../site-settings.ts';
import { INGEST_RESULTS, type IngestCounters } from './ingest-counters.ts';
import { PROMETHEUS_CONTENT_TYPE, writePrometheusText, type MetricFamily, type Sample } from './prometheus.ts';

export interface OpsOptions {
  /** The counters the ingestion route adds to. */
  ingestCounters: IngestCounters;
}

export const METRICS_PATH = '/metrics';

const STATUSES: readonly EvaluationStatus[] = ['met', 'missed', 'at-risk', 'below-target', 'no-data'];

const labelsOf = (report: IndicatorReport) => ({ service: report.service.slug, indicator: report.indicator.slug, edition: report.card.edition });

/** One sample per report whose value is a number (a missing value is left out, as Prometheus expects). */
function gauge(reports: readonly IndicatorReport[], valueOf: (report: IndicatorReport) => number | null): Sample[] {
  return reports.flatMap((report) => {
    const value = valueOf(report);
    return value === null ? [] : [{ labels: labelsOf(report), value }];
  });
}

/**
 * GET /metrics: Prometheus text. Per indicator of the cards in force this year: value, target, status (one gauge per
 * status, 1 for the current one) and budget left; events ingested over HTTP by this process per source and outcome;
 * seconds since each source's last event. The report comes from the same cache as the pages.
 */
export function opsRoutes(deps: SiteDeps, options: OpsOptions): FastifyPluginCallback {
  return (scope, _opts, done) => {
    scope.get(METRICS_PATH, { schema: { hide: true } }, async (_request, reply) => {
      const year = currentYearOf(deps.settings);
      const [reports, sources, version] = await Promise.all([
        deps.actions.getReport({ year, granularity: 'month' }),
        deps.actions.listSources?.() ?? Promise.resolve([]),
        deps.actions.readDataVersion?.(),
      ]);
      const families: MetricFamily[] = [
        {
          name: 'misura_indicator_value',
          type: 'gauge',
          help: `Measured value of the indicator over ${year} so far (up to yesterday), in the unit of its valore programmato.`,
          samples: gauge(reports, (r) => r.year.value),
        },
        { name: 'misura_indicator_target', type: 'gauge', help: 'The valore programmato (target) the indicator is judged against.', samples: gauge(reports, (r) => r.year.target.value) },
        {
          name: 'misura_indicator_status',
          type: 'gauge',
          help: 'The indicator status this year: 1 for the current status (met, missed, at-risk, no-data), 0 for the others.',
          samples: reports.flatMap((r) => STATUSES.map((status) => ({ labels: { ...labelsOf(r), status }, value: r.year.status === status ? 1 : 0 }))),
        },
        {
          name: 'misura_indicator_budget_left',
          type: 'gauge',
          help: 'How many more bad items or days the year can absorb before the standard is missed.',
          samples: gauge(reports, (r) => r.year.budgetLeft),
        },
        {
          name: 'misura_events_ingested_total',
          type: 'counter',
          help: 'Events received over POST /api/v1/events by this process, by source and outcome.',
          samples: options.ingestCounters.snapshot().flatMap(({ source, counts }) => INGEST_RESULTS.map((result) => ({ labels: { source, result }, value: counts[result] }))),
        },
        {
          name: 'misura_source_seconds_since_last_event',
          type: 'gauge',
          help: 'Seconds since the latest event of each source: a feed that stopped shows a growing number.',
          samples: sources.flatMap((s) => (s.secondsSinceLastEvent === null ? [] : [{ labels: { source: s.name }, value: s.secondsSinceLastEvent }])),
        },
      ];
      if (version !== undefined) {
        families.push({ name: 'misura_data_version', type: 'gauge', help: 'Changes whenever events, measures or cards change.', samples: [{ labels: {}, value: version }] });
      }
      return reply.type(PROMETHEUS_CONTENT_TYPE).header('cache-control', 'no-store').send(writePrometheusText(families));
    });
    done();
  };
}
