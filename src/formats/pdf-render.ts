import { createRequire } from 'node:module';
import type * as PdfMake from 'pdfmake';
import type { TDocumentDefinitions } from 'pdfmake/interfaces.js';

const require = createRequire(import.meta.url);

/**
 * Any PDF pdfmake makes, with the Roboto fonts it ships (and nothing fetched or read beyond them). pdfmake is
 * required when a PDF is made, not when this file is loaded, so commands that make none start fast.
 */
export async function renderPdf(definition: TDocumentDefinitions): Promise<Uint8Array> {
  const pdfmake = require('pdfmake') as typeof PdfMake;
  const fontDir = `${require.resolve('pdfmake/package.json').replace(/package\.json$/, '')}fonts/Roboto/`;
  pdfmake.setFonts({ Roboto: { normal: `${fontDir}Roboto-Regular.ttf`, bold: `${fontDir}Roboto-Medium.ttf`, italics: `${fontDir}Roboto-Italic.ttf`, bolditalics: `${fontDir}Roboto-MediumItalic.ttf` } });
  pdfmake.setUrlAccessPolicy(() => false);
  pdfmake.setLocalAccessPolicy((path) => path.startsWith(fontDir));
  return new Uint8Array(await pdfmake.createPdf(definition).getBuffer());
}
