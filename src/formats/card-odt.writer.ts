import { closingLines, type CardLayout, type LayoutCell } from './card-layout.ts';

// A card as an OpenDocument text (a zip with content.xml and its manifest, as LibreOffice writes them).

export const ODF_NAMESPACES =
  'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:xlink="http://www.w3.org/1999/xlink" office:version="1.3"';

/** Text escaped for XML content and attributes. */
export function xmlText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export function odfParagraphs(cell: LayoutCell): string {
  return cell.map((line) => `<text:p>${line.map((span) => ('href' in span ? `<text:a xlink:type="simple" xlink:href="${xmlText(span.href)}">${xmlText(span.text)}</text:a>` : xmlText(span.text))).join('')}</text:p>`).join('');
}

/** The fields table and the indicator table (its header in table-header-rows, repeated on each page). */
export function odfCardTables(layout: CardLayout): { fields: string; indicators: string } {
  const fields = `<table:table table:name="Servizio"><table:table-column table:number-columns-repeated="2"/>${layout.fields
    .map((f) => `<table:table-row><table:table-cell office:value-type="string"><text:p>${xmlText(f.label)}</text:p></table:table-cell><table:table-cell office:value-type="string">${odfParagraphs(f.value)}</table:table-cell></table:table-row>`)
    .join('')}</table:table>`;
  const header = `<table:table-header-rows><table:table-row>${layout.columns.map((c) => `<table:table-cell office:value-type="string"><text:p>${xmlText(c)}</text:p></table:table-cell>`).join('')}</table:table-row></table:table-header-rows>`;
  const body = layout.rows
    .map(
      (row) =>
        `<table:table-row>${row
          .map((cell) =>
            cell.rowSpan === 0
              ? '<table:covered-table-cell/>'
              : `<table:table-cell office:value-type="string"${cell.rowSpan > 1 ? ` table:number-rows-spanned="${cell.rowSpan}" table:number-columns-spanned="1"` : ''}><text:p>${xmlText(cell.text)}</text:p></table:table-cell>`,
          )
          .join('')}</table:table-row>`,
    )
    .join('');
  const indicators = `<table:table table:name="Indicatori"><table:table-column table:number-columns-repeated="${layout.columns.length}"/>${header}${body}</table:table>`;
  return { fields, indicators };
}

/** An OpenDocument package: the mimetype first and stored, as the package rules want. */
export async function odfPackage(mimetype: string, content: string): Promise<Uint8Array> {
  const { strToU8, zipSync } = await import('fflate');
  const manifest = `<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3"><manifest:file-entry manifest:full-path="/" manifest:media-type="${mimetype}"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>`;
  return zipSync({ mimetype: [strToU8(mimetype), { level: 0 }], 'content.xml': strToU8(content), 'META-INF/manifest.xml': strToU8(manifest) });
}

export async function writeCardOdt(layout: CardLayout): Promise<Uint8Array> {
  const { fields, indicators } = odfCardTables(layout);
  const closing = closingLines(layout);
  const body = [
    ...layout.titles.map((t) => `<text:p>${xmlText(t)}</text:p>`),
    '<text:p/>',
    fields,
    '<text:p/>',
    indicators,
    '<text:p/>',
    ...layout.notes.map((n) => `<text:p>${xmlText(n)}</text:p>`),
    ...(closing.length === 0 ? [] : ['<text:p/>', ...closing.map((line) => `<text:p>${xmlText(line)}</text:p>`)]),
  ].join('');
  return odfPackage('application/vnd.oasis.opendocument.text', `<?xml version="1.0" encoding="UTF-8"?><office:document-content ${ODF_NAMESPACES}><office:body><office:text>${body}</office:text></office:body></office:document-content>`);
}
