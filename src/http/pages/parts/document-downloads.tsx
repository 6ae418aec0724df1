import type { PageContext } from '../page-context.ts';

/** The formats of official documents, as the download links name them. */
const CARD_LINKS = [
  { format: 'pdf', label: 'PDF', type: 'application/pdf' },
  { format: 'docx', label: 'Word (DOCX)', type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' },
  { format: 'odt', label: 'LibreOffice (ODT)', type: 'application/vnd.oasis.opendocument.text' },
  { format: 'xlsx', label: 'Excel (XLSX)', type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
] as const;

/** Where a card edition's document is downloaded (the documents are Italian: no locale prefix). */
export function cardDocumentPath(serviceSlug: string, edition: string, format: string): string {
  return `/servizi/${encodeURIComponent(serviceSlug)}/${encodeURIComponent(edition)}/carta/${format}`;
}

/** Where the year's results report is downloaded. */
export function reportDocumentPath(year: number, format: string): string {
  return `/risultati/${year}/rapporto/${format}`;
}

/** Links to the card edition as PDF, DOCX, ODT and XLSX. */
export function CardDownloads(props: { ctx: PageContext; serviceSlug: string; edition: string }): JSX.Element {
  const m = props.ctx.messages;
  return (
    <div class="card-downloads">
      <h3 class="h5">{m.documentDownloads}</h3>
      <ul class="list-inline">
        {CARD_LINKS.map((link) => (
          <li class="list-inline-item">
            <a href={cardDocumentPath(props.serviceSlug, props.edition, link.format)} type={link.type} hreflang="it">
              {link.label}
            </a>
          </li>
        ))}
      </ul>
      <p class="small">{m.documentDownloadsNote}</p>
    </div>
  );
}

/** Links to the year's results report as PDF, DOCX and XLSX. */
export function ReportDownloads(props: { ctx: PageContext; year: number }): JSX.Element {
  return (
    <p>
      {props.ctx.messages.reportDownloads(props.year)}:{' '}
      {CARD_LINKS.filter((link) => link.format !== 'odt').map((link, index) => (
        <>
          {index === 0 ? '' : ', '}
          <a href={reportDocumentPath(props.year, link.format)} type={link.type} hreflang="it">
            {link.label}
          </a>
        </>
      ))}
    </p>
  );
}
