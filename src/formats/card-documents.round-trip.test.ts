import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readCardFile } from './card-file.importer.ts';
import { buildCsv, buildDocx, buildHtml, buildMarkdown, buildOds, buildOdt, buildPdf, buildXlsx, cardContent, layoutCard, type CardLayout } from './card-documents.test-kit.ts';
import { readCardText } from './card-text.importer.ts';

const SEEDS = new URL('../../seeds/', import.meta.url);
const NAMES = ['000_c79bcda3436e61a9.txt', '001_26d6f6251607aad7.txt', '002_36860386eee61ce2.txt', '003_c6188123ed35ccee.txt'];
const seeds = NAMES.map((name) => readCardText(readFileSync(new URL(name, SEEDS), 'utf8'), { file: name }));

const BUILDERS: [string, (layout: CardLayout) => Promise<Uint8Array> | Uint8Array | string][] = [
  ['docx', buildDocx],
  ['xlsx', (layout) => buildXlsx(layout)],
  ['odt', buildOdt],
  ['ods', buildOds],
  ['html', buildHtml],
  ['pdf', buildPdf],
  ['csv', (layout) => buildCsv(layout)],
  ['md', buildMarkdown],
];

describe('the seed cards turned into the documents PAs publish', () => {
  it.each(BUILDERS.flatMap(([extension, build]) => NAMES.map((name, index) => [extension, name, index, build] as const)))(
    'imports the %s of %s to the same card as its text',
    async (extension, name, index, build) => {
      const seed = seeds[index]!;
      const built = await build(layoutCard(seed));
      const bytes = typeof built === 'string' ? new TextEncoder().encode(built) : built;
      // A neutral name: the format must be found from the content.
      const { cards } = await readCardFile(bytes, { file: `card-${index}.bin` });
      expect(cards).toHaveLength(1);
      expect(cardContent(cards[0]!)).toEqual(cardContent(seed));
    },
  );
});
