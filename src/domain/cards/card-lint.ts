import type { Indicator, StandardCard } from './card.ts';
import { CIVIT_DIMENSIONS, isDimensionUnstated } from './dimension.ts';
import type { Finding, Severity } from './finding.ts';
import { findSpellingSlips } from './spelling.ts';
import type { TargetUnit } from './target.ts';
import { foldText, isDurationFormula, isQualitativeTarget, isRatioFormula, speaksOfMinimumCost } from './target-parse.ts';

/** What a rule says about one indicator; the linter adds where it is. */
interface Remark {
  field: string | null;
  message: string;
}

interface IndicatorRule {
  code: string;
  severity: Severity;
  check: (indicator: Indicator, card: StandardCard) => Remark[];
}

interface CardRule {
  code: string;
  severity: Severity;
  check: (card: StandardCard) => Remark[];
}

const DURATION_UNITS: ReadonlySet<TargetUnit> = new Set(['days', 'working-days', 'hours', 'minutes']);

/** "indicator 4 (Tempestività: "Tempo masimo entro il quale…")": enough for a person to find the row. */
function nameOf(indicator: Indicator): string {
  const words = (indicator.description ?? indicator.subdimension ?? indicator.formula ?? '').replace(/\s+/g, ' ').trim();
  const short = words.length > 60 ? `${words.slice(0, 59).trimEnd()}…` : words;
  const quoted = short !== '' ? `"${short}"` : '';
  // "Dimensione non indicata" is no dimension: the row is found by its words alone.
  if (isDimensionUnstated(indicator.dimensionKey)) return `Indicator ${indicator.position}${quoted !== '' ? ` (${quoted})` : ''}`;
  return `Indicator ${indicator.position} (${indicator.dimension}${quoted !== '' ? `: ${quoted}` : ''})`;
}

function isBlank(text: string | null): boolean {
  return text === null || foldText(text) === '';
}

/** Case, accents, markup, spacing and a closing full stop do not make two indicators different. */
function normalise(text: string | null): string {
  return foldText(text ?? '')
    .replace(/[\s.;:,]+$/, '')
    .replace(/\s*\/\s*/g, '/');
}

/** What makes two indicators the same one: dimension, sub-dimension, description and formula, normalised. */
function duplicateKeyOf(indicator: Indicator): string {
  return [indicator.dimensionKey, normalise(indicator.subdimension), normalise(indicator.description), normalise(indicator.formula)].join('\u0000');
}

/** Per card, the first indicator of each key: computed once, so a card of n rows is checked in O(n), not O(n²). */
const firstIndicatorsByCard = new WeakMap<StandardCard, Map<string, Indicator>>();

function firstIndicatorsOf(card: StandardCard): Map<string, Indicator> {
  let firsts = firstIndicatorsByCard.get(card);
  if (firsts === undefined) {
    firsts = new Map();
    for (const indicator of card.indicators) {
      const key = duplicateKeyOf(indicator);
      const seen = firsts.get(key);
      if (seen === undefined || indicator.position < seen.position) firsts.set(key, indicator);
    }
    firstIndicatorsByCard.set(card, firsts);
  }
  return firsts;
}

const SPELLING_FIELDS = ['dimension', 'subdimension', 'description', 'formula'] as const;
const WORDING_FIELDS = ['formula', 'description', 'subdimension'] as const;

/** "Accessibilità, Tempestività, Trasparenza, Efficacia": the four dimensions of delibera 88/2010, as the messages list them. */
const CORE_DIMENSION_LABELS = CIVIT_DIMENSIONS.filter((entry) => entry.kind === 'core')
  .map((entry) => entry.label)
  .join(', ');

const INDICATOR_RULES: readonly IndicatorRule[] = [
  {
    // A table with no dimension column: the importer keeps the rows with the unstated dimension; a CIVIT card names one for each.
    code: 'unstated-dimension',
    severity: 'error',
    check: (indicator) =>
      isDimensionUnstated(indicator.dimensionKey)
        ? [
            {
              field: 'dimension',
              message: `${nameOf(indicator)} has no dimension: the document states none; choose one (${CORE_DIMENSION_LABELS}, or a dimension of the card's own).`,
            },
          ]
        : [],
  },
  {
    code: 'missing-target',
    severity: 'error',
    check: (indicator) =>
      isBlank(indicator.target.text) ? [{ field: 'target', message: `${nameOf(indicator)} has no valore programmato: state the target the service commits to.` }] : [],
  },
  {
    code: 'unparseable-target',
    severity: 'error',
    check: (indicator) => {
      const { text, value } = indicator.target;
      if (value !== null || isBlank(text) || isQualitativeTarget(text)) return [];
      return [
        {
          field: 'target',
          message: `${nameOf(indicator)}: the valore programmato "${text.trim()}" cannot be read as one number with a unit; write it as, for example, "95%", "5 giorni" or "entro 2 ore".`,
        },
      ];
    },
  },
  {
    code: 'qualitative-target',
    severity: 'warning',
    check: (indicator) => {
      const { text, value } = indicator.target;
      if (value !== null || !isQualitativeTarget(text)) return [];
      return [
        {
          field: 'target',
          message: `${nameOf(indicator)}: the valore programmato "${text.trim()}" is words, not a number, so it cannot be checked until a measure gives it a number; state it as a time or a share (for example "entro 1 minuto" or "99%").`,
        },
      ];
    },
  },
  {
    code: 'unit-mismatch',
    severity: 'error',
    check: (indicator) => {
      const { unit, text } = indicator.target;
      if (unit !== null && DURATION_UNITS.has(unit) && isRatioFormula(indicator.formula)) {
        return [
          {
            field: 'target',
            message: `${nameOf(indicator)}: the formula is a ratio (a share of one count over another), so its target should be a percentage, but it is "${text.trim()}".`,
          },
        ];
      }
      if (unit === 'percent' && isDurationFormula(indicator.formula)) {
        return [
          {
            field: 'target',
            message: `${nameOf(indicator)}: the formula measures a time or a number of days, so its target should be a time (days, hours or minutes), but it is the percentage "${text.trim()}".`,
          },
        ];
      }
      return [];
    },
  },
  {
    code: 'minimum-wording-maximum-target',
    severity: 'warning',
    check: (indicator) => {
      if (indicator.target.comparator !== '<=') return [];
      const field = WORDING_FIELDS.find((name) => speaksOfMinimumCost(indicator[name]));
      if (field === undefined) return [];
      return [
        {
          field,
          message: `${nameOf(indicator)}: the ${field} asks for a "minimo" of days of disruption or delay, but the target "${indicator.target.text.trim()}" can only be a maximum (fewer such days are better); reword "minimo" as "massimo".`,
        },
      ];
    },
  },
  {
    code: 'spelling',
    severity: 'warning',
    check: (indicator) =>
      SPELLING_FIELDS.flatMap((field) =>
        findSpellingSlips(indicator[field] ?? '').map((slip) => ({
          field,
          message: `${nameOf(indicator)}: "${slip.word}" in the ${field} should read "${slip.suggestion}".`,
        })),
      ),
  },
  {
    code: 'duplicate-indicator',
    severity: 'warning',
    check: (indicator, card) => {
      const first = firstIndicatorsOf(card).get(duplicateKeyOf(indicator));
      if (first === undefined || first.position >= indicator.position) return [];
      return [
        {
          field: null,
          message: `${nameOf(indicator)} repeats indicator ${first.position} (line ${first.source.line}): same dimension, sub-dimension, description and formula; remove one or tell them apart.`,
        },
      ];
    },
  },
  {
    code: 'missing-formula',
    severity: 'error',
    check: (indicator) =>
      isBlank(indicator.formula) ? [{ field: 'formula', message: `${nameOf(indicator)} has no formula: say how the indicator is computed, so it can be measured.` }] : [],
  },
  {
    code: 'missing-description',
    severity: 'info',
    // Additional dimensions (delibera 3/2012) often carry their definition in the sub-dimension
    // column and leave the description empty, as the CIVIT template does: that is not a gap.
    check: (indicator) => {
      if (!isBlank(indicator.description)) return [];
      if (indicator.additional && !isBlank(indicator.subdimension)) return [];
      return [{ field: 'description', message: `${nameOf(indicator)} has no indicator description: say in words what the indicator shows.` }];
    },
  },
];

const CARD_RULES: readonly CardRule[] = [
  {
    // English charters and first drafts often list the indicators with no values at all; each row is
    // also "missing-target", this says it once for the whole card.
    code: 'no-targets',
    severity: 'warning',
    check: (card) =>
      card.indicators.length > 0 && card.indicators.every((indicator) => isBlank(indicator.target.text))
        ? [
            {
              field: 'target',
              message: `The card of "${card.service.name}" lists ${card.indicators.length} indicator${card.indicators.length === 1 ? '' : 's'} but states no valore programmato for any of them: every target is missing, so nothing can be checked until they are stated.`,
            },
          ]
        : [],
  },
  {
    code: 'unknown-year',
    severity: 'warning',
    check: (card) =>
      card.year === null
        ? [{ field: 'year', message: 'The card states no year, so it is kept as an undated edition: give its year so it can be compared with other editions.' }]
        : [],
  },
  {
    code: 'missing-diffida-body',
    severity: 'error',
    check: (card) =>
      isBlank(card.service.diffidaBody.text)
        ? [
            {
              field: 'diffidaBody',
              message: `The card of "${card.service.name}" names no organo cui notificare la preventiva diffida (art. 3 c.1 d.lgs. 198/2009): users need it to act on a missed standard.`,
            },
          ]
        : [],
  },
];

/** Checks a card against the card rules; pure, one finding per problem, in card order. */
export function lintCard(card: StandardCard): Finding[] {
  const file = card.source.file;
  const findings: Finding[] = CARD_RULES.flatMap((rule) =>
    rule.check(card).map((remark) => ({ code: rule.code, severity: rule.severity, file, line: null, ...remark })),
  );
  for (const indicator of card.indicators) {
    for (const rule of INDICATOR_RULES) {
      for (const remark of rule.check(indicator, card)) {
        findings.push({ code: rule.code, severity: rule.severity, file, line: indicator.source.line, ...remark });
      }
    }
  }
  return findings;
}
