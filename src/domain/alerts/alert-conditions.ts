import type { AlertCondition } from './alert-rule.ts';
import { findBurningWindow, type DayCount } from './burn-rate.ts';

/** What the alert conditions look at, gathered by the evaluate-alerts action. */
export interface AlertFacts {
  /** Each probe's latest finished checks, newest first. */
  probeRuns: ReadonlyMap<string, readonly { ok: boolean; error: string | null }[]>;
  /** Each feed and how long since it last sent anything (seconds; null: never). */
  sources: readonly { name: string; secondsSinceLastReceived: number | null }[];
  /** Each indicator in force: its year status and, for a ≥ percent target, its recent days and target share. */
  indicators: readonly IndicatorFacts[];
  /** The last day of the burn-rate windows (today, local). */
  today: string;
}

export interface IndicatorFacts {
  service: string;
  indicator: string;
  status: string;
  /** Only for "≥ N %" targets read from good/total days (ratio, availability-days). */
  burn?: { targetShare: number; days: readonly DayCount[] };
}

/** A subject for which a condition holds now, with a sentence saying why. */
export interface FiringSubject {
  subject: string;
  summary: string;
}

/** Every subject for which the condition holds now. A subject not listed is fine (its alert, if any, resolves). */
export function findFiringSubjects(condition: AlertCondition, facts: AlertFacts): FiringSubject[] {
  const covers = (selected: string, name: string): boolean => selected === '*' || selected === name;
  switch (condition.kind) {
    case 'probe-down':
      return [...facts.probeRuns]
        .filter(([probe, runs]) => covers(condition.probe, probe) && runs.length >= condition.after && runs.slice(0, condition.after).every((run) => !run.ok))
        .map(([probe, runs]) => ({ subject: probe, summary: `probe ${probe} is down: its last ${condition.after} checks failed (${runs[0]?.error ?? 'failed'})` }));
    case 'feed-silent':
      return facts.sources
        .filter((source) => covers(condition.source, source.name) && source.secondsSinceLastReceived !== null && source.secondsSinceLastReceived > condition.minutes * 60)
        .map((source) => ({ subject: source.name, summary: `feed ${source.name} has sent nothing for ${Math.floor((source.secondsSinceLastReceived ?? 0) / 60)} min (limit ${condition.minutes})` }));
    case 'standard':
      return facts.indicators
        .filter((item) => covers(condition.service, item.service) && (item.status === 'at-risk' || item.status === 'missed'))
        .map((item) => ({ subject: `${item.service}/${item.indicator}`, summary: `${item.service}/${item.indicator} is ${item.status === 'missed' ? 'missed for the year' : 'at risk'}` }));
    case 'burn-rate':
      return facts.indicators.flatMap((item) => {
        if (!covers(condition.service, item.service) || item.burn === undefined) return [];
        const burning = findBurningWindow(item.burn.days, facts.today, item.burn.targetShare);
        if (burning === null) return [];
        const { window, longRate, shortRate } = burning;
        return [{
          subject: `${item.service}/${item.indicator}`,
          summary: `${item.service}/${item.indicator} spends its error budget ${longRate.toFixed(1)}× too fast over ${window.longDays} days (${shortRate.toFixed(1)}× over the last ${window.shortDays}; alert at ${window.threshold}×)`,
        }];
      });
  }
}
