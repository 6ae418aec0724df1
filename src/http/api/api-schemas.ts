import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { Slug } from '../routes/route-schemas.ts';

/**
 * The JSON API's request and response schemas (TypeBox, so JSON Schema for validation, serialisation and the
 * OpenAPI document alike). Field names follow the domain types; absent values are null, never missing.
 */

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

export const ErrorResponse = Type.Object(
  {
    statusCode: Type.Integer({ description: 'The HTTP status, repeated.' }),
    error: Type.String({ description: 'The status text ("Bad Request", "Not Found", …).' }),
    message: Type.String({ description: 'What is wrong, and where.' }),
  },
  { $id: 'ErrorResponse', description: 'Every error of the API: never a stack trace.' },
);
export type ErrorResponse = Static<typeof ErrorResponse>;

const Organisation = Type.Object({ slug: Type.String(), name: Type.String() });
const Link = Type.Object({ text: Type.String(), href: Type.String() });
const RichText = Type.Object({ text: Type.String(), links: Type.Array(Link) });
const OpeningHours = Type.Object({
  weekdays: Type.Array(Type.Integer({ minimum: 1, maximum: 7 }), { description: 'ISO weekdays: 1 = Monday … 7 = Sunday.' }),
  opens: Type.String({ description: 'HH:MM, local time.' }),
  closes: Type.String({ description: 'HH:MM, local time; the closing minute is outside service hours.' }),
});
const Channel = Type.Object({
  key: Type.String(),
  kind: Type.Union(['web', 'app', 'phone', 'email', 'social', 'desk', 'other'].map((k) => Type.Literal(k))),
  label: Type.String(),
  address: Nullable(Type.String()),
  hours: Nullable(OpeningHours),
});

const TargetUnit = Type.Union(['percent', 'days', 'working-days', 'hours', 'minutes', 'count'].map((u) => Type.Literal(u)));
export const Target = Type.Object(
  {
    text: Type.String({ description: 'The valore programmato as the card writes it.' }),
    comparator: Nullable(Type.Union([Type.Literal('>='), Type.Literal('<='), Type.Literal('=')])),
    value: Nullable(Type.Number()),
    unit: Nullable(TargetUnit),
    period: Nullable(Type.Union([Type.Literal('year'), Type.Literal('quarter'), Type.Literal('month')])),
    measurable: Type.Boolean(),
    comparatorReason: Type.String(),
    comparatorSource: Type.Union([Type.Literal('inferred'), Type.Literal('override')]),
  },
  { description: 'The valore programmato, parsed; null fields for a qualitative target.' },
);

const EditionRef = Type.Object({ edition: Type.String({ description: 'The year as text, or "undated".' }), year: Nullable(Type.Integer()) });

export const ServiceSummary = Type.Object({
  slug: Type.String(),
  name: Type.String(),
  organisation: Organisation,
  office: Nullable(Type.String()),
  webAddress: Nullable(Link),
  editions: Type.Array(EditionRef, { description: 'The editions of its card, oldest first, undated last.' }),
});

export const ServiceDetail = Type.Object({
  slug: Type.String(),
  name: Type.String(),
  organisation: Organisation,
  office: Nullable(Type.String()),
  characteristics: RichText,
  deliveryMode: RichText,
  userTypes: RichText,
  diffidaBody: Type.Object({ text: Type.String(), links: Type.Array(Link) }, { description: 'Where to send the diffida (d.lgs. 198/2009).' }),
  webAddress: Nullable(Link),
  channels: Type.Array(Channel),
  staff: Nullable(Type.Integer()),
  editions: Type.Array(EditionRef),
});

export const IndicatorListing = Type.Object({
  position: Type.Integer(),
  slug: Type.String(),
  dimension: Type.String(),
  dimensionKey: Type.String(),
  subdimension: Nullable(Type.String()),
  description: Nullable(Type.String()),
  formula: Nullable(Type.String()),
  target: Target,
  additional: Type.Boolean({ description: 'An additional dimension (delibera CIVIT 3/2012), marked "(*)".' }),
  notes: Nullable(Type.String()),
});

export const Card = Type.Object({
  organisation: Organisation,
  service: Type.Object({ slug: Type.String(), name: Type.String() }),
  edition: Type.String(),
  year: Nullable(Type.Integer()),
  notes: Type.Array(Type.String()),
  ruleText: Nullable(Type.String()),
  indicators: Type.Array(IndicatorListing),
});

export const IndicatorInForce = Type.Object({
  service: Type.Object({ slug: Type.String(), name: Type.String() }),
  organisation: Organisation,
  edition: Type.String({ description: 'The edition in force in the year.' }),
  indicator: IndicatorListing,
});

const Period = Type.Object({
  key: Type.String({ description: '"2026", "2026-Q1" or "2026-03".' }),
  granularity: Type.Union([Type.Literal('month'), Type.Literal('quarter'), Type.Literal('year')]),
  from: Type.String({ format: 'date' }),
  to: Type.String({ format: 'date' }),
});

export const Evaluation = Type.Object({
  period: Period,
  value: Nullable(Type.Number()),
  numerator: Nullable(Type.Number()),
  denominator: Nullable(Type.Number()),
  unit: Nullable(TargetUnit),
  target: Target,
  status: Type.Union([Type.Literal('met'), Type.Literal('at-risk'), Type.Literal('below-target'), Type.Literal('missed'), Type.Literal('no-data')], {
    description:
      'met; at-risk (met so far, the trend or the budget left says it may not be); below-target (not met now, can still be met in the period); missed (the period ended without it, or it can no longer be met); no-data (nothing to judge).',
  }),
  budgetLeft: Nullable(Type.Number({ description: 'Bad items or days the period can still absorb.' })),
  forecast: Nullable(Type.Number({ description: 'The value expected at the end of the period.' })),
  asOf: Type.String({ format: 'date', description: 'Data considered up to this local date.' }),
  explanation: Type.String({ description: 'In English; `reason` holds the same as data, for any language.' }),
  reason: Type.Optional(
    Type.Object(
      { code: Type.String({ description: 'not-started, never-measured, before-measured-from, no-observations, no-measure, misfit, fault or judged.' }) },
      { additionalProperties: true, description: 'Why the status is what it is, as data (noun, why, measuredFrom…).' },
    ),
  ),
  measuredFrom: Type.Optional(Nullable(Type.String({ format: 'date', description: 'The first local date measured: before it, nothing is judged.' }))),
  openItems: Type.Optional(
    Type.Object(
      { count: Type.Integer(), overLimit: Type.Integer() },
      { description: 'A duration while its period runs: items started and not ended; those over the limit already count as misses.' },
    ),
  ),
  shareOfTarget: Type.Optional(Type.Number({ description: "A yearly count judged over a shorter period: the period's share of the yearly value it is judged against." })),
});

export const IndicatorResult = Type.Object({
  service: Type.Object({ slug: Type.String(), name: Type.String() }),
  card: EditionRef,
  indicator: Type.Object({
    slug: Type.String(),
    position: Type.Integer(),
    dimension: Type.String(),
    subdimension: Nullable(Type.String()),
    description: Nullable(Type.String()),
    formula: Nullable(Type.String()),
    additional: Type.Boolean(),
  }),
  measureKind: Type.String({ description: '"none" when no measure is declared.' }),
  measureDescription: Type.Object({ it: Type.String(), en: Type.String() }),
  year: Evaluation,
  periods: Type.Array(Evaluation, { description: 'The started periods of the requested granularity, in order.' }),
  fault: Type.Optional(
    Type.Object(
      { reason: Type.String(), since: Nullable(Type.String({ format: 'date-time' })) },
      { description: 'Present when the indicator could not be computed: it has no result, and this says why. The other indicators are not affected.' },
    ),
  ),
});

export const SourceFreshness = Type.Object({
  name: Type.String(),
  lastEventAt: Nullable(Type.String({ format: 'date-time' })),
  secondsSinceLastEvent: Nullable(Type.Integer({ description: 'Grows while the feed is silent.' })),
  lastReceivedAt: Nullable(Type.String({ format: 'date-time' })),
  secondsSinceLastReceived: Nullable(Type.Integer()),
  eventCount: Type.Integer(),
});

export const RejectedLine = Type.Object({
  line: Type.Integer({ description: 'The 1-based NDJSON line, or the 1-based position in a JSON array.' }),
  field: Type.String(),
  message: Type.String(),
});

export const IngestResponse = Type.Object({
  accepted: Type.Integer({ description: 'Events stored for the first time.' }),
  duplicates: Type.Integer({ description: 'Events already stored with the same content: nothing changed.' }),
  corrected: Type.Integer({ description: 'Events already stored with other content: replaced.' }),
  rejected: Type.Array(RejectedLine, { description: 'Bad lines, not stored; the good lines of the batch are.' }),
});

export const IngestRefused = Type.Object(
  {
    statusCode: Type.Integer({ description: 'The HTTP status, repeated.' }),
    error: Type.String({ description: 'The status text ("Bad Request").' }),
    message: Type.String({ description: 'What is wrong, and where: the first refused line, its field and why.' }),
    rejected: Type.Optional(Type.Array(RejectedLine, { description: 'When no line of the batch could be stored: every line, with its field and why.' })),
  },
  { description: 'A request refused: a body that cannot be read, or a batch none of whose lines could be stored (nothing was).' },
);

// Requests.

export const ServiceParams = Type.Object({ service: Slug });
export type ServiceParams = Static<typeof ServiceParams>;

const year = (description: string) => Type.Integer({ minimum: 2000, maximum: 2100, description });
const serviceFilter = () => Type.String({ pattern: Slug.pattern, maxLength: Slug.maxLength, description: 'Only this service (its slug).' });
/** An enum as JSON Schema "enum", so a wrong value is answered with the allowed ones. */
const oneOf = <T extends string>(values: readonly T[], description: string) => Type.Unsafe<T>({ type: 'string', enum: [...values], description });

export const CardsQuery = Type.Object({ year: Type.Optional(year('Only the editions of this year.')) }, { additionalProperties: false });
export type CardsQuery = Static<typeof CardsQuery>;

export const IndicatorsQuery = Type.Object(
  { year: Type.Optional(year('The cards in force in this year; the current year when absent.')), service: Type.Optional(serviceFilter()) },
  { additionalProperties: false },
);
export type IndicatorsQuery = Static<typeof IndicatorsQuery>;

export const PERIODS = ['month', 'quarter', 'year'] as const;

export const ResultsQuery = Type.Object(
  {
    year: Type.Optional(year('The measured year; the current year when absent.')),
    period: Type.Optional(oneOf(PERIODS, 'How `periods` cuts the year. Default month.')),
    service: Type.Optional(serviceFilter()),
  },
  { additionalProperties: false },
);
export type ResultsQuery = Static<typeof ResultsQuery>;

/** The error answers every route documents. */
export const errorResponses = (...codes: number[]) => Object.fromEntries(codes.map((code) => [code, { $ref: 'ErrorResponse#' }]));
