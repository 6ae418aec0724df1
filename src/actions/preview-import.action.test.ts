import { describe, expect, it } from 'vitest';
import { buildCards } from '../formats/card-builder.ts';
import { rowOf } from '../formats/card-document.ts';
import { previewImport } from './preview-import.action.ts';

describe('previewImport', () => {
  it('lists once a doubt that the cards of one table share (one card a year), and each card', () => {
    const rows = [
      rowOf(['Denominazione del servizio'], { line: 1 }),
      rowOf(['Sportello studenti'], { line: 2 }),
      rowOf(['Dimensioni', 'Indicatori', '2022 value', '2023 value', '2024 value'], { line: 3, row: 1 }, 1),
      rowOf(['Accessibilità', 'Ore di apertura settimanali', '15', '16', '16'], { line: 4, row: 2 }, 1),
    ];
    const read = buildCards({ file: 'carta.md', format: 'markdown', parts: [{ name: null, rows }], truncated: false, notes: [] }, { file: 'carta.md' });
    expect(read.cards.every((c) => c.doubts.some((d) => d.code === 'doubtful-column'))).toBe(true);

    const preview = previewImport(read);
    expect(preview.cards.map((c) => c.year)).toEqual([2022, 2023, 2024]);
    expect(preview.doubts.filter((d) => d.code === 'doubtful-column')).toHaveLength(1);
    expect(new Set(preview.doubts.map((d) => JSON.stringify(d))).size).toBe(preview.doubts.length);
  });
});
