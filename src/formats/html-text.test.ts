import { describe, expect, it } from 'vitest';
import { decodeEntities, joinInline, parseRichText, stripBullet, stripMarkdown, toInlineText, toPlainText } from './html-text.ts';

describe('decodeEntities', () => {
  it.each([
    ['bandi&amp;concorsi', 'bandi&concorsi'],
    ['Valore programmato (&amp;)', 'Valore programmato (&)'],
    ['citt&agrave; &egrave; qui', 'città è qui'],
    ['&#224; &#xE8; &#x2022;', 'à è •'],
    ['&lt;b&gt; &quot;x&quot; &apos;y&apos;', '<b> "x" \'y\''],
    ['&unknown; stays', '&unknown; stays'],
    ['a&nbsp;b', 'a b'],
  ])('decodes %j as %j', (input, expected) => {
    expect(decodeEntities(input)).toBe(expected);
  });
});

describe('stripMarkdown', () => {
  it.each([
    ['**ANNO 2018**', 'ANNO 2018'],
    ['**(\\*)** Dimensioni aggiuntive', '(*) Dimensioni aggiuntive'],
    ['(\\*) Dimensioni', '(*) Dimensioni'],
    ['Continuità (*)', 'Continuità (*)'],
    ['(*) uno e (*) due', '(*) uno e (*) due'],
    ['una *parola* in corsivo', 'una parola in corsivo'],
    ['__grassetto__', 'grassetto'],
    ['http://example.org/a_b_c', 'http://example.org/a_b_c'],
  ])('reads %j as %j', (input, expected) => {
    expect(stripMarkdown(input)).toBe(expected);
  });
});

describe('stripBullet', () => {
  it.each([
    ['• Lavoro Intermittente;', 'Lavoro Intermittente;'],
    ['‐Previsioni di termini', 'Previsioni di termini'],
    ['☐Standard di qualità', 'Standard di qualità'],
    ['- il valore programmato', 'il valore programmato'],
    ['* voce', 'voce'],
    ['-5% rispetto al 2020', '-5% rispetto al 2020'],
    ['Nessun elenco', 'Nessun elenco'],
  ])('turns %j into %j', (input, expected) => {
    expect(stripBullet(input)).toBe(expected);
  });
});

describe('parseRichText', () => {
  it('keeps an anchor as a link and its words as text', () => {
    expect(parseRichText('<a href="http://servizi.lavoro.gov.it">servizi.lavoro.gov.it</a>')).toEqual({
      text: 'servizi.lavoro.gov.it',
      links: [{ text: 'servizi.lavoro.gov.it', href: 'http://servizi.lavoro.gov.it' }],
    });
  });

  it('turns a bare URL cell into a link', () => {
    expect(parseRichText('http://www.cliclavoro.gov.it')).toEqual({
      text: 'http://www.cliclavoro.gov.it',
      links: [{ text: 'http://www.cliclavoro.gov.it', href: 'http://www.cliclavoro.gov.it' }],
    });
  });

  it('leaves the full stop that ends a sentence out of a bare URL', () => {
    expect(parseRichText('Si veda http://example.org/pagina.').links).toEqual([{ text: 'http://example.org/pagina', href: 'http://example.org/pagina' }]);
  });

  it('reads a www address without scheme as an http link', () => {
    expect(parseRichText('sul sito www.inps.it oppure').links).toEqual([{ text: 'www.inps.it', href: 'http://www.inps.it' }]);
  });

  it('does not count the URL written inside an anchor twice', () => {
    const rich = parseRichText('Direttore <a href="http://x.it/p.aspx">http://x.it/p.aspx</a>');
    expect(rich.text).toBe('Direttore http://x.it/p.aspx');
    expect(rich.links).toEqual([{ text: 'http://x.it/p.aspx', href: 'http://x.it/p.aspx' }]);
  });

  it('decodes entities in an href and uses the href when the anchor has no words', () => {
    expect(parseRichText("<a href='http://x.it/?a=1&amp;b=2'></a>").links).toEqual([{ text: 'http://x.it/?a=1&b=2', href: 'http://x.it/?a=1&b=2' }]);
  });

  it('keeps a markdown link', () => {
    expect(parseRichText('vedi [il portale](https://www.lavoro.gov.it)')).toEqual({ text: 'vedi il portale', links: [{ text: 'il portale', href: 'https://www.lavoro.gov.it' }] });
  });

  it('puts paragraphs and list items on their own lines and drops their bullets', () => {
    const cell = '<p>Primo &amp; paragrafo.</p> <p>Secondo:</p> <ul style="list-style-type: none"> <li>• Uno;</li> <li>• Due;</li> </ul>';
    expect(toPlainText(cell)).toBe('Primo & paragrafo.\nSecondo:\nUno;\nDue;');
  });

  it('drops inline tags without breaking the line', () => {
    expect(toPlainText('<b>Accessibilità</b> e <i>altro</i><br>a capo')).toBe('Accessibilità e altro\na capo');
  });

  it('keeps a lone "<" that is not a tag', () => {
    expect(toPlainText('a < b e c > d')).toBe('a < b e c > d');
  });
});

describe('joinInline and toInlineText', () => {
  it.each([
    [['Verificare:', 'primo', 'secondo:', 'terzo'], 'Verificare: primo; secondo: terzo'],
    [['Una frase.', 'Altra frase.'], 'Una frase. Altra frase.'],
    [['', ' solo ', ''], 'solo'],
  ])('joins %j into %j', (lines, expected) => {
    expect(joinInline(lines)).toBe(expected);
  });

  it('reads a header cell with markup and an entity as one line', () => {
    expect(toInlineText('<b>Valore programmato (&amp;)</b>')).toBe('Valore programmato (&)');
  });
});
