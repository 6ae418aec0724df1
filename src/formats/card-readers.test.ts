import { readFileSync } from 'node:fs';
import { Document, FootnoteReferenceRun, Packer, Paragraph, Table, TableCell, TableRow, TextRun } from 'docx';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { buildHtml, buildXlsx, cardContent, layoutCard } from './card-documents.test-kit.ts';
import { readCardFile } from './card-file.importer.ts';
import { readCardText } from './card-text.importer.ts';

const SEEDS = new URL('../../seeds/', import.meta.url);
const NAMES = ['000_c79bcda3436e61a9.txt', '001_26d6f6251607aad7.txt', '002_36860386eee61ce2.txt', '003_c6188123ed35ccee.txt'];
const seed = (index: number) => readCardText(readFileSync(new URL(NAMES[index]!, SEEDS), 'utf8'), { file: NAMES[index]! });
const encode = (text: string) => new TextEncoder().encode(text);

describe('the readers keep the card rules whatever the document', () => {
  it('drops the header row a table repeats (a page break copied into an HTML page)', async () => {
    const card = seed(2);
    const html = buildHtml(layoutCard(card));
    // The header again before the sixth indicator row, as a table pasted page by page gives it.
    const [page, table = ''] = html.split('<table class="indicators">');
    const sixth = table.split('<tr>', 8).slice(0, 7).join('<tr>').length;
    const header = '<tr><th>Dimensioni</th><th>Sottodimensioni</th><th>Descrizione indicatore</th><th>Formula indicatore</th><th>Valore programmato</th><th>Note</th></tr>\n';
    const repeated = `${page}<table class="indicators">${table.slice(0, sixth)}${header}${table.slice(sixth)}`;
    expect(repeated).not.toBe(html);
    const { cards } = await readCardFile(encode(repeated), { file: 'carta.html' });
    expect(cardContent(cards[0]!)).toEqual(cardContent(card));
  });

  it('reads a footnote written as the last row of the table as a note, and the "(&)" rule from it', async () => {
    const card = seed(0);
    const layout = layoutCard(card);
    const [star, rule] = layout.notes;
    layout.notes = [];
    const html = buildHtml(layout).replace('</tbody></table>\n\n</main>', `<tr><td colspan="5">${star}</td></tr><tr><td colspan="5">${rule!.replace(/&/g, '&amp;')}</td></tr></tbody></table></main>`);
    const { cards } = await readCardFile(encode(html), { file: 'carta.html' });
    expect(cards[0]!.card.notes).toEqual(card.card.notes);
    expect(cards[0]!.card.ruleText).toBe(card.card.ruleText);
    expect(cards[0]!.card.indicators).toHaveLength(card.card.indicators.length);
  });

  it("reads Word's own footnotes as numbered notes", async () => {
    const cell = (text: string) => new TableCell({ children: [new Paragraph(text)] });
    const document = new Document({
      footnotes: { 1: { children: [new Paragraph('Giorni lavorativi, esclusi i festivi.')] } },
      sections: [
        {
          children: [
            new Table({ rows: [new TableRow({ children: [cell('Denominazione del servizio'), cell('Sportello unico')] })] }),
            new Paragraph('ANNO 2024'),
            new Table({
              rows: [
                new TableRow({ children: ['Dimensioni', 'Sottodimensioni', 'Descrizione indicatore', 'Formula indicatore', 'Valore programmato'].map(cell) }),
                new TableRow({
                  children: [cell('Tempestività'), cell(''), cell('Rilascio'), cell('Giorni tra domanda e rilascio'), new TableCell({ children: [new Paragraph({ children: [new TextRun('5 giorni'), new FootnoteReferenceRun(1)] })] })],
                }),
              ],
            }),
          ],
        },
      ],
    });
    const { cards } = await readCardFile(new Uint8Array(await Packer.toBuffer(document)), { file: 'sportello.docx' });
    expect(cards[0]!.card.indicators.map((i) => i.target.text)).toEqual(['5 giorni']);
    expect(cards[0]!.card.notes).toEqual(['(1) Giorni lavorativi, esclusi i festivi.']);
  });

  it("reads Writer's own footnotes, lists and a cell spanning two rows in an ODT", async () => {
    const cell = (text: string, extra = '') => `<table:table-cell${extra}><text:p>${text}</text:p></table:table-cell>`;
    const row = (...cells: string[]) => `<table:table-row>${cells.join('')}</table:table-row>`;
    const content = `<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"><office:body><office:text>
      <text:p>ANNO 2024</text:p>
      <text:h>Denominazione del servizio</text:h><text:p>Sportello unico</text:p>
      <text:h>Modalità di erogazione</text:h><text:list><text:list-item><text:p>allo sportello</text:p></text:list-item><text:list-item><text:p>on line</text:p></text:list-item></text:list>
      <table:table>${row(cell('Dimensioni'), cell('Sottodimensioni'), cell('Descrizione indicatore'), cell('Formula indicatore'), cell('Valore programmato'))}
      ${row(cell('Tempestività', ' table:number-rows-spanned="2"'), cell(''), cell('Rilascio'), cell('Giorni tra domanda e rilascio'), `<table:table-cell><text:p>5 giorni<text:note text:note-class="footnote"><text:note-citation>1</text:note-citation><text:note-body><text:p>Giorni lavorativi.</text:p></text:note-body></text:note></text:p></table:table-cell>`)}
      ${row('<table:covered-table-cell/>', cell(''), cell('Rinnovo'), cell('Giorni tra domanda e rinnovo'), cell('10 giorni'))}</table:table>
      </office:text></office:body></office:document-content>`;
    const odt = zipSync({ mimetype: [strToU8('application/vnd.oasis.opendocument.text'), { level: 0 }], 'content.xml': strToU8(content) });
    const { cards } = await readCardFile(odt, { file: 'sportello.odt' });
    const { card } = cards[0]!;
    expect(card.service.deliveryMode.text).toBe('allo sportello\non line');
    expect(card.indicators.map((i) => [i.dimension, i.description, i.target.text])).toEqual([
      ['Tempestività', 'Rilascio', '5 giorni'],
      ['Tempestività', 'Rinnovo', '10 giorni'],
    ]);
    expect(card.notes).toEqual(['(1) Giorni lavorativi.']);
  });

  it('gives a doubt in a workbook its sheet, row and column', async () => {
    const layout = layoutCard(seed(3));
    layout.rows[0]![4] = { text: '', rowSpan: 1 };
    const { cards } = await readCardFile(await buildXlsx(layout), { file: 'carta.xlsx' });
    // A title, a blank row, 5 fields, a blank row, the header: the first indicator is on row 10 of the sheet.
    expect(cards[0]!.doubts).toContainEqual({ code: 'doubtful-cell', severity: 'warning', file: 'carta.xlsx', line: 10, field: 'target', message: 'no valore programmato in this row', sheet: 'Carta dei servizi', row: 10, column: 5 });
  });
});
