import type { IndicatorReport } from '../domain/evaluation/indicator-report.ts';
import type { ReportRequest } from './get-report.action.ts';
import { UserError } from '../domain/shared/errors.ts';
import { DOCUMENT_MEDIA_TYPES, documentFormatOf, REPORT_DOCUMENT_FORMATS, type ExportedDocument } from '../formats/document-format.ts';
import { layoutReport, type ReportDiffida, type ReportLayout } from '../formats/report-layout.ts';

export interface ExportReportDocumentDeps {
  /** The report the site and the CLI show (the context's cached getReport). */
  getReport: (request: ReportRequest) => Promise<IndicatorReport[]>;
  /** The diffide received in a year: the service and the standard each names (no personal data). */
  listDiffideOfYear: (year: number) => Promise<ReportDiffida[]>;
  /** The PA's name for the title, when one is known. */
  organisationName?: () => Promise<string | null>;
  now?: () => Date;
}

/** The year's results (promised against measured, per service, with the diffide received) as PDF, DOCX or XLSX, stamped with time and hash. */
export async function exportReportDocument(deps: ExportReportDocumentDeps, input: { year: number; format: string }): Promise<ExportedDocument> {
  const format = documentFormatOf(input.format, REPORT_DOCUMENT_FORMATS);
  if (format === undefined) throw new UserError(`the report is exported as ${REPORT_DOCUMENT_FORMATS.join(', ')}, not "${input.format}"`, { field: 'format' });
  if (!Number.isInteger(input.year) || input.year < 1900 || input.year > 9999) throw new UserError(`the year must be a year such as 2026, not "${input.year}"`, { field: 'year' });
  const reports = await deps.getReport({ year: input.year, granularity: 'year' });
  const organisation = deps.organisationName === undefined ? null : await deps.organisationName();
  const layout = layoutReport(reports, input.year, (deps.now ?? (() => new Date()))(), organisation, await deps.listDiffideOfYear(input.year));
  return { bytes: await writeReport(format, layout), fileName: `risultati-${input.year}.${format}`, mediaType: DOCUMENT_MEDIA_TYPES[format] };
}

async function writeReport(format: 'pdf' | 'docx' | 'xlsx' | 'odt', layout: ReportLayout): Promise<Uint8Array> {
  switch (format) {
    case 'pdf':
      return (await import('../formats/report-pdf.writer.ts')).writeReportPdf(layout);
    case 'docx':
      return (await import('../formats/report-docx.writer.ts')).writeReportDocx(layout);
    // ODT is not a report format: documentFormatOf refused it already.
    case 'xlsx':
    case 'odt':
      return (await import('../formats/report-xlsx.writer.ts')).writeReportXlsx(layout);
  }
}
