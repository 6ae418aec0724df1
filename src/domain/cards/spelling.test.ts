import { describe, expect, it } from 'vitest';
import { findSpellingSlips } from './spelling.ts';

describe('findSpellingSlips', () => {
  it.each<[string, { word: string; suggestion: string; index: number }[]]>([
    ['Tempo masimo entro il quale mettere a disposizione', [{ word: 'masimo', suggestion: 'massimo', index: 6 }]],
    ['Esautività della prestazione erogata', [{ word: 'Esautività', suggestion: 'Esaustività', index: 0 }]],
    ['Esautivita della prestazione', [{ word: 'Esautivita', suggestion: 'Esaustività', index: 0 }]],
    ['Esautivit della prestazione', [{ word: 'Esautivit', suggestion: 'Esaustività', index: 0 }]],
    ['ESAUTIVITÀ', [{ word: 'ESAUTIVITÀ', suggestion: 'ESAUSTIVITÀ', index: 0 }]],
    ['Masima cura', [{ word: 'Masima', suggestion: 'Massima', index: 0 }]],
    ['risposta esautiva', [{ word: 'esautiva', suggestion: 'esaustiva', index: 9 }]],
    ['tempo masimo, efficenza', [
      { word: 'masimo', suggestion: 'massimo', index: 6 },
      { word: 'efficenza', suggestion: 'efficienza', index: 14 },
    ]],
    // Correct words, and words that merely contain a slip, are never flagged.
    ['Tempo massimo entro il quale', []],
    ['Esaustività della prestazione erogata', []],
    ['Massima esaustività della prestazione erogata', []],
    ['Efficienza', []],
    ['', []],
  ])('finds the slips in %j', (text, expected) => {
    expect(findSpellingSlips(text)).toEqual(expected);
  });

  it('reports an index that points at the word in the text', () => {
    const text = 'La <i>Compiutezza</i>: Esautività della prestazione';
    const [slip] = findSpellingSlips(text);
    expect(slip).toBeDefined();
    expect(text.slice(slip!.index, slip!.index + slip!.word.length)).toBe('Esautività');
  });
});
