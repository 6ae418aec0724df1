import { Type, type Static } from '@sinclair/typebox';

/** A slug as slugify() makes them: lower-case ASCII words joined by "-". */
export const Slug = Type.String({ pattern: '^[a-z0-9]+(-[a-z0-9]+)*$', maxLength: 100 });

export const ServiceParams = Type.Object({ slug: Slug });
export type ServiceParams = Static<typeof ServiceParams>;

/** An edition key: a year, or "undated". */
/** An edition key: a year, "undated", or a correction of either ("2026-r2"). */
const EditionKey = Type.String({ pattern: '^([0-9]{4}|undated)(-r[0-9]{1,3})?$' });
export const EditionParams = Type.Object({ slug: Slug, edition: EditionKey });
export type EditionParams = Static<typeof EditionParams>;

/** A card edition's official document: its format. */
export const CardDocumentParams = Type.Object({ slug: Slug, edition: EditionKey, format: Type.Union([Type.Literal('pdf'), Type.Literal('docx'), Type.Literal('odt'), Type.Literal('xlsx')]) });
export type CardDocumentParams = Static<typeof CardDocumentParams>;

/** The year's results report: its format. */
export const ReportDocumentParams = Type.Object({ year: Type.Integer({ minimum: 2000, maximum: 2100 }), format: Type.Union([Type.Literal('pdf'), Type.Literal('docx'), Type.Literal('xlsx')]) });
export type ReportDocumentParams = Static<typeof ReportDocumentParams>;

export const IndicatorParams = Type.Object({ slug: Slug, indicator: Slug });
export type IndicatorParams = Static<typeof IndicatorParams>;

/** ?anno=2024: which year's measurements; the current year when absent. */
export const YearQuery = Type.Object({ anno: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100 })) }, { additionalProperties: false });
export type YearQuery = Static<typeof YearQuery>;
