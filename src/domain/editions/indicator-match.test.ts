import { describe, expect, it } from 'vitest';
import { matchIndicators, type IncomingIndicator, type KnownIndicator } from './indicator-match.ts';

function known(uid: string, position: number, description: string, overrides: Partial<KnownIndicator> = {}): KnownIndicator {
  return { uid, slug: uid, position, dimensionKey: 'tempestivita', subdimension: null, description, formula: 'Numero di giorni lavorativi', ...overrides };
}

function incoming(slug: string, position: number, description: string, overrides: Partial<IncomingIndicator> = {}): IncomingIndicator {
  return { slug, position, dimensionKey: 'tempestivita', subdimension: null, description, formula: 'Numero di giorni lavorativi', ...overrides };
}

describe('tying imported indicators to the ones before them', () => {
  it('keeps the id of the same slug, and of the same wording under a new slug (a typo fixed in the sub-dimension)', () => {
    const before = [known('u1', 1, 'Tempo di pubblicazione'), known('u2', 2, 'Tempo di risposta alle e-mail', { slug: 'masimo' })];
    const after = [incoming('u1', 1, 'Tempo di pubblicazione'), incoming('massimo', 2, 'Tempo di risposta alle e-mail')];
    expect(matchIndicators(before, after)).toEqual([
      { by: 'slug', uid: 'u1', similarity: 1 },
      { by: 'wording', uid: 'u2', similarity: 1 },
    ]);
  });

  it('takes a typo fixed in the same place as the same indicator, and says so', () => {
    const before = [known('u1', 1, 'Tempo masimo di risposta alle richieste di informazioni pervenute via e-mail')];
    const after = [incoming('tempo-massimo', 1, 'Tempo massimo di risposta alle richieste di informazioni pervenute via e-mail')];
    const [match] = matchIndicators(before, after);
    expect(match).toMatchObject({ by: 'reworded', uid: 'u1' });
    expect(match?.by === 'reworded' && match.similarity).toBeGreaterThan(0.9);
  });

  it('asks when a row is like one before it but not enough to tell, and keeps them apart meanwhile', () => {
    const before = [known('u1', 1, 'Tempo di risposta alle richieste via e-mail')];
    const after = [incoming('nuovo', 3, 'Tempo di risposta alle richieste via PEC')];
    expect(matchIndicators(before, after)).toEqual([{ by: 'unsure', uid: null, candidate: { uid: 'u1', slug: 'u1' }, similarity: expect.any(Number) as number }]);
  });

  it('follows a reviewer who said "the same" or "new"', () => {
    const before = [known('u1', 1, 'Tempo di risposta alle richieste via e-mail'), known('u2', 2, 'Tempo di pubblicazione')];
    const after = [incoming('nuovo', 3, 'Tempo di risposta alle richieste via PEC'), incoming('u2', 2, 'Tempo di pubblicazione')];
    expect(matchIndicators(before, after, new Map([['nuovo', 'u1']]))[0]).toMatchObject({ by: 'reworded', uid: 'u1' });
    expect(matchIndicators(before, after, new Map([['u2', null]]))[1]).toEqual({ by: 'new', uid: null });
  });

  it('never ties two rows to one indicator, nor across dimensions, and gives the best pair first', () => {
    const before = [known('u1', 1, 'Tempo di risposta alle e-mail dei cittadini')];
    const after = [
      incoming('a', 1, 'Tempo di risposta alle e-mail delle imprese'),
      incoming('b', 2, 'Tempo di risposta alle e-mail dei cittadini italiani'),
      incoming('c', 1, 'Tempo di risposta alle e-mail dei cittadini', { dimensionKey: 'accessibilita' }),
    ];
    const matches = matchIndicators(before, after);
    expect(matches.filter((m) => m.uid === 'u1')).toHaveLength(1);
    expect(matches[2]).toEqual({ by: 'new', uid: null });
  });

  it('matches a huge card by neighbours only, still finding rewordings in place', () => {
    const before = Array.from({ length: 2000 }, (_, n) => known(`u${n}`, n + 1, `Indicatore numero ${n} del servizio`));
    const after = before.map((k) => incoming(`s${k.position}`, k.position, `${k.description ?? ''}!`, { formula: 'Numero di giorni lavorativi.' }));
    const matches = matchIndicators(before, after);
    expect(matches.every((match, n) => match.uid === `u${n}`)).toBe(true);
  });
});
