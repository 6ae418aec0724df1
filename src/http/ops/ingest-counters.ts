import type { IngestSummary } from '../../actions/ingest-events.action.ts';

/** The outcomes /metrics counts per source, as misura_events_ingested_total's "result" label. */
export const INGEST_RESULTS = ['accepted', 'duplicate', 'corrected', 'rejected'] as const;
export type IngestResult = (typeof INGEST_RESULTS)[number];

/** Events ingested over HTTP by this process, per source and outcome (Prometheus counters: they only grow). */
export class IngestCounters {
  private readonly bySource = new Map<string, Record<IngestResult, number>>();

  /** Adds one ingestion's summary. */
  add(source: string, summary: IngestSummary): void {
    const counts = this.bySource.get(source) ?? { accepted: 0, duplicate: 0, corrected: 0, rejected: 0 };
    counts.accepted += summary.accepted;
    counts.duplicate += summary.duplicates;
    counts.corrected += summary.corrected;
    counts.rejected += summary.rejected.length;
    this.bySource.set(source, counts);
  }

  /** Every source seen, by name, with its counts. */
  snapshot(): { source: string; counts: Readonly<Record<IngestResult, number>> }[] {
    return [...this.bySource.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([source, counts]) => ({ source, counts: { ...counts } }));
  }
}
