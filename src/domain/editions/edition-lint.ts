import type { StandardCard } from '../cards/card.ts';
import type { Finding } from '../cards/finding.ts';
import { findWorsenings, type ComparableIndicator } from './edition-diff.ts';
import { matchIndicators } from './indicator-match.ts';

function comparable(card: StandardCard, uids: readonly string[]): ComparableIndicator[] {
  return card.indicators.map((indicator, index) => ({ ...indicator, uid: uids[index] ?? indicator.slug }));
}

/**
 * The "(&)" rule between two editions of one card, as lint findings on the later one: each valore programmato worse
 * than (or not comparable with) the earlier one, and each indicator dropped, is an error until an approval records
 * why. Indicators are paired as an import pairs them (slug, wording, similar wording).
 */
export function lintEditionPair(previous: StandardCard, next: StandardCard): Finding[] {
  const before = previous.indicators.map((indicator) => indicator.slug);
  const matches = matchIndicators(previous.indicators.map((indicator, index) => ({ ...indicator, uid: before[index] ?? indicator.slug })), next.indicators);
  const after = matches.map((match, index) => match.uid ?? `new:${next.indicators[index]?.slug ?? index}`);
  const lineOf = new Map(next.indicators.map((indicator) => [indicator.slug, indicator.source.line]));
  const label = (card: StandardCard) => String(card.year ?? 'undated');
  return findWorsenings(comparable(previous, before), comparable(next, after)).map((worsening): Finding => {
    const base = { severity: 'error' as const, file: next.source.file, field: 'target' };
    if (worsening.kind === 'removed') {
      return {
        ...base,
        code: 'indicator-dropped',
        line: null,
        message: `"${worsening.slug}" (valore programmato "${worsening.before.target.text}" in ${label(previous)}) is no longer in the ${label(next)} card: the (&) rule asks why`,
      };
    }
    const how = worsening.change === 'looser' ? 'is worse than' : 'cannot be ranked against';
    return {
      ...base,
      code: 'worse-than-previous',
      line: lineOf.get(worsening.slug) ?? null,
      message: `the valore programmato of "${worsening.slug}", "${worsening.after?.target.text ?? ''}", ${how} "${worsening.before.target.text}" of the ${label(previous)} card: the (&) rule forbids it unless justified`,
    };
  });
}
