import { foldLabel, matchColumnLabel } from './card-text-labels.ts';
import type { SourceLine, TableHeader } from './card-text-table.ts';

// Documents that sit next to the standard cards on a transparency page and look like them: the Piano della
// performance's indicator sheets, production objectives, budgets. They have indicators and targets too, but no
// quality dimensions of a service with a valore programmato; importing them would publish false standards.

interface Kind {
  /** What the document looks like, for the message. */
  name: string;
  /** Words of such a document (folded: no accents, lower case). */
  signs: readonly RegExp[];
  /** Header cells only such a document has. */
  columns: RegExp;
}

const KINDS: readonly Kind[] = [
  {
    name: 'a Piano della performance indicator sheet (objectives with weights and targets)',
    signs: [
      /\b(?:piano|relazione) (?:della|delle|sulla) performance\b/,
      /\bobiettiv[oi] (?:strategic|operativ|specific|annual|trasversal|individual|organizzativ|pluriennal|\d{4})/,
      // A header that names an objective, its indicator and its target: a sheet of objectives, not of standards.
      /\bobiettivo\b[^\n]{0,80}\bindicatore\b[^\n]{0,80}\btarget\b/,
      /\bbaseline\b/, /\bpeso\b/, /\barea strategica\b/, /\bperformance organizzativa\b/, /\bindicatori? di (?:performance|risultato)\b/, /\bmissione\b.*\bprogramma\b/, /\bstakeholder\b/],
    columns: /^(?:peso(?: \w+)?|obiettiv[oi](?: \w+){0,3}|area strategica|missione|programma|struttura responsabile|stakeholder|risultato atteso)$/,
  },
  {
    name: 'a list of production objectives (volumes of work to deliver)',
    signs: [/\bobiettivi di produzione\b/, /\bvolumi? (?:di attivita|di produzione|prodott)/, /\bprodotti (?:attesi|realizzati)\b/, /\bquantita (?:prodott|attes)/, /\bproduttivita\b/, /\bcarichi di lavoro\b/],
    columns: /^(?:prodotto|prodotti|volume|volumi|quantita(?: \w+)?|produzione(?: \w+)?|unita di misura)$/,
  },
  {
    name: 'a list of monitoring indicators (what each indicator means, for no one service and with no valore programmato)',
    signs: [/\belenco degli indicatori\b/, /\bsistema di garanzia\b/, /\bmonitoraggio\b/, /\bsignificato\b/, /\blivelli essenziali di assistenza\b/, /\bindicatori? (?:di monitoraggio|sentinella|di esito)\b/],
    columns: /^(?:significato|codice indicatore)$/,
  },
  {
    name: 'a budget (chapters with appropriations and amounts)',
    signs: [/\bbilancio\b/, /\bcapitol[oi]\b/, /\bstanziament[oi]\b/, /\bprevision[ei] (?:di|definitiv|iniziali)/, /\bresidui\b/, /\bimpegni\b/, /\bentrate\b/, /\bspese?\b (?:corrent|in conto)/, /\bcompetenza\b/, /\bcassa\b/, /\beuro\b|€/],
    columns: /^(?:capitolo|stanziamento(?: \w+)?|importo(?: \w+)?|previsione(?: \w+){0,2}|residui(?: \w+)?|impegni|entrate|spese|competenza|cassa|euro)$/,
  },
];

/** Words of a standard card: when they are there, the document is a card whatever else it says. */
const CARD_SIGNS = /\b(?:valor[ei] programmat[oi]|standard (?:di )?qualita|carta dei servizi|preventiva diffida)\b/;
/** The same words in the document's own spelling, to quote them back. */
const CARD_WORDS = /\b(?:valor[ei] programmat[oi]|standard (?:di )?qualit[àa]|carta dei servizi|preventiva diffida)(?![\p{L}])/giu;

/**
 * Says what a document looks like when it is not a service-quality card, or null. With a table header found, only
 * columns a card never has (weight, objective, chapter, amount) and the document's words count; without one, its
 * words must point at one kind clearly and no card words be there.
 */
export function recogniseNonCard(lines: readonly SourceLine[], header: TableHeader | null): string | null {
  if (header !== null) {
    const columns = header.ignored.map((cell) => foldLabel(cell.label));
    for (const kind of KINDS) {
      const own = columns.filter((label) => kind.columns.test(label));
      if (own.length > 0) return describe(kind, own.map((label) => `"${label}"`), 'and its table has columns a standard card never has');
    }
    return null;
  }
  const text = foldLabel(lines.slice(0, 2000).map((line) => line.text).join('\n').replace(/\t/g, ' '));
  if (CARD_SIGNS.test(text)) return null;
  const scored = KINDS.map((kind) => ({ kind, found: kind.signs.map((sign) => sign.exec(text)?.[0]).filter((s): s is string => s !== undefined) }))
    .filter((k) => k.found.length >= 2)
    .sort((a, b) => b.found.length - a.found.length);
  const best = scored[0];
  return best ? describe(best.kind, best.found.slice(0, 4).map((word) => `"${word}"`), 'and no table of quality dimensions with a valore programmato') : null;
}

/**
 * Why a document that speaks of standards or of the carta dei servizi, but holds no indicator table, is not read as a
 * card; null when it does not speak of them. Such a document is most often the page that presents the card (a
 * transparency page, an introduction) and links to the card itself.
 */
export function describeCardPrologue(lines: readonly SourceLine[]): string | null {
  const text = lines.slice(0, 2000).map((line) => line.text).join('\n').replace(/\t/g, ' ');
  if (!CARD_SIGNS.test(foldLabel(text))) return null;
  // One quote per word, however many spellings ("qualità", "qualita") the page has.
  const byFolded = new Map([...text.matchAll(CARD_WORDS)].reverse().map((match) => [foldLabel(match[0]), `"${match[0].toLowerCase()}"`]));
  const words = [...byFolded.values()].reverse();
  if (words.length === 0) words.push('standards');
  return `not a standard card: it speaks of ${words.slice(0, 3).join(', ')} but holds no table of indicators with a valore programmato; it looks like a page that presents the card or links to it. Import the card itself: the document the page links to, or the page that holds its table`;
}

function describe(kind: Kind, evidence: string[], why: string): string {
  return `not a service-quality card: it looks like ${kind.name}: it speaks of ${evidence.join(', ')} ${why}. A standard card lists the quality dimensions of one service (Accessibilità, Tempestività, Trasparenza, Efficacia) with their indicators and valore programmato`;
}

/**
 * The table of a document imported with --force: a header row with a target column ("Target", "Valore atteso") and
 * an indicator or formula column; the first other column stands for the dimension.
 */
export function forcedTableHeader(lines: readonly SourceLine[]): { index: number; header: TableHeader } | null {
  for (const [index, line] of lines.entries()) {
    if (!line.text.includes('\t')) continue;
    const cells = line.text.split('\t');
    const columns: TableHeader['columns'] = {};
    const ignored: TableHeader['ignored'] = [];
    cells.forEach((cell, column) => {
      const folded = foldLabel(cell);
      if (folded === '') return;
      const key = matchColumnLabel(cell) ?? (/^(?:target|valore atteso|risultato atteso|valore obiettivo)\b/.test(folded) ? 'target' : /^indicator/.test(folded) ? 'description' : null);
      if (key !== null && columns[key] === undefined) columns[key] = column;
      else ignored.push({ index: column, label: cell });
    });
    if (columns.target === undefined || (columns.description === undefined && columns.formula === undefined)) continue;
    if (columns.dimension === undefined) {
      const stand = ignored.shift();
      if (stand === undefined) continue;
      columns.dimension = stand.index;
    }
    return { index, header: { line: line.number, width: cells.length, columns, ignored } };
  }
  return null;
}
