import type { Actor } from '../domain/accounts/actor.ts';
import type { StandardCard } from '../domain/cards/card.ts';
import { applyCardEdits, cardNotesText, editCardNotes, type IndicatorEdit } from '../domain/cards/card-edit.ts';
import { lintCard } from '../domain/cards/card-lint.ts';
import type { Finding } from '../domain/cards/finding.ts';
import type { ImportedCard } from '../domain/cards/imported-card.ts';
import { formatWhere, UserError } from '../domain/shared/errors.ts';
import { readCardFile } from '../formats/card-file.importer.ts';
import { measuresDocumentOf, readMeasuresText, writeMeasureEntryText, writeSkeletonEntryText, type MeasuresFile } from '../formats/measures-file.ts';
import type { StoredCard } from '../storage/repositories/card.repository.ts';
import { listCards } from '../storage/repositories/card.repository.ts';
import { findMeasuresOf } from '../storage/repositories/measure.repository.ts';
import type { Queryable } from '../storage/schema.ts';
import { applyMeasuresIn, checkMeasureEntries, type ApplyMeasuresSummary } from './apply-measures.action.ts';
import type { EditionReference } from './approve-edition.action.ts';
import { unmeasuredOf } from './export-measures.action.ts';
import { findDraftEdition } from './find-edition-card.action.ts';
import { findUnsureMatches, importCards, importCardsIn, type ImportCardsDeps, type ImportSummary, type UnsureMatch } from './import-cards.action.ts';

/** Cards to review, and for each what the reader doubted and the checker found, with where. */
export interface CardReview {
  cards: ImportedCard[];
  findings: Finding[][];
  /** Per card, the rows that may or may not be an indicator of the edition before: the reviewer says which. */
  unsure: UnsureMatch[][];
  /** In the editor of a stored draft (one card): which edition it is, and how each indicator is measured. */
  draft?: DraftInEditor;
}

/** The stored draft the editor shows, with each indicator's measure as a person edits it. */
export interface DraftInEditor {
  service: string;
  edition: string;
  /**
   * By indicator position, the measure as its entry in a measures file ("- service: …"), as `measures export`
   * prints it; for an unmeasured indicator, the commented skeleton it prints, to uncomment and complete.
   */
  measures: ReadonlyMap<number, string>;
  /** By indicator position, why the measure typed there was refused (after a refused save). */
  refusals?: ReadonlyMap<number, MeasureRefusal>;
}

/** Why one typed measure was refused, and where inside its text. */
export interface MeasureRefusal {
  message: string;
  /** 1-based line inside the indicator's measure text. */
  line?: number;
  /** The field inside the entry ("measure.good", "indicator"). */
  field?: string;
}

/** What a person changed in the editor of a draft. */
export interface DraftEdits {
  /** By indicator position: corrected cells. */
  cells: ReadonlyMap<number, IndicatorEdit>;
  /** The card's notes as one text (paragraphs separated by blank lines); absent: unchanged. */
  notes?: string;
  /** By indicator position: the measure text as typed; a text equal to the one shown changes nothing. */
  measures: ReadonlyMap<number, string>;
}

/** A save of the editor refused because of measures: nothing was written; each refusal belongs beside its indicator. */
export class DraftMeasuresRefused extends UserError {
  constructor(readonly refusals: ReadonlyMap<number, MeasureRefusal>) {
    const list = [...refusals].map(([position, refusal]) => `indicator ${position}: ${refusal.field === undefined ? '' : `field "${refusal.field}"${refusal.line === undefined ? '' : ` (line ${refusal.line})`}: `}${refusal.message}`);
    super(`${refusals.size === 1 ? 'a measure was' : `${refusals.size} measures were`} refused, nothing was saved: ${list.join('; ')}`);
    this.name = 'DraftMeasuresRefused';
  }
}

async function reviewOf(deps: ImportCardsDeps, cards: ImportedCard[], fileFindings: readonly Finding[] = []): Promise<CardReview> {
  return {
    cards,
    unsure: await findUnsureMatches(deps, cards),
    findings: cards.map((imported, index) => {
      const seen = new Set(imported.doubts.map((d) => `${d.code}|${d.line}`));
      const linted = lintCard(imported.card).filter((f) => !seen.has(`${f.code}|${f.line}`));
      return [...(index === 0 ? fileFindings : []), ...imported.doubts, ...linted];
    }),
  };
}

/** Reads an uploaded card file (any format the importer reads) for review; nothing is written. */
export async function reviewCardUpload(deps: ImportCardsDeps, bytes: Uint8Array, options: { file: string; year?: number }): Promise<CardReview> {
  const read = await readCardFile(bytes, options);
  if (read.cards.length === 0) throw new UserError('the file holds no card', { file: options.file });
  return reviewOf(deps, read.cards, read.findings);
}

/**
 * A draft edition for the card editor, with the checker's findings and each indicator's measure. With `typed`, the
 * draft as the person typed it (a refused save shown again): the cells and notes edited, the measure texts theirs.
 */
export async function reviewDraft(deps: ImportCardsDeps, input: EditionReference, typed?: DraftEdits): Promise<CardReview> {
  const stored = await findDraftEdition(deps.database.db, input);
  const card = typed === undefined ? stored.card : editedCard(stored.card, typed);
  const review = await reviewOf(deps, [{ organisation: { slug: stored.organisation.slug, name: stored.organisation.name }, card, doubts: [] }]);
  const measures = new Map([...(await measureTextsOf(deps.database.db, stored))].map(([position, shown]) => [position, shown.text]));
  return { ...review, draft: { service: stored.card.service.slug, edition: stored.editionKey, measures: typed === undefined ? measures : new Map([...measures, ...typed.measures]) } };
}

/** The stored card with a person's corrections: cells, rows' notes, and the card's notes when their text changed. */
function editedCard(card: StandardCard, edits: { cells: ReadonlyMap<number, IndicatorEdit>; notes?: string }): StandardCard {
  const edited = applyCardEdits(card, edits.cells);
  return edits.notes === undefined || sameText(edits.notes, cardNotesText(card)) ? edited : editCardNotes(edited, edits.notes);
}

/** Browsers send textareas with CRLF and may add or drop a final newline: neither is a change. */
function sameText(a: string, b: string): boolean {
  const normal = (text: string) => text.replace(/\r\n?/g, '\n').split('\n').map((line) => line.trimEnd()).join('\n').trim();
  return normal(a) === normal(b);
}

/** Each indicator's measure as its measures-file entry, or its commented skeleton, by position. */
async function measureTextsOf(db: Queryable, stored: StoredCard): Promise<Map<number, { text: string; measured: boolean }>> {
  const byId = new Map((await findMeasuresOf(db, stored.indicatorIds)).map((found) => [found.indicatorId, found.measure]));
  return new Map(
    stored.card.indicators.map((indicator, index) => {
      const key = { service: stored.card.service.slug, edition: stored.editionKey, indicator: indicator.slug };
      const id = stored.indicatorIds[index];
      const measure = id === undefined ? undefined : byId.get(id);
      const text = measure === undefined ? writeSkeletonEntryText(unmeasuredOf(key, indicator)) : writeMeasureEntryText({ ...key, measure });
      return [indicator.position, { text, measured: measure !== undefined }];
    }),
  );
}

/** The part of a UserError's message after its "where", which a refusal states apart. */
function refusalOf(error: UserError): MeasureRefusal {
  const message = error.where === undefined ? error.message : error.message.slice(formatWhere(error.where).length + 2);
  // Paths name the entry inside the document ("measures[0].measure.good"): the box holds one entry, so its fields suffice.
  const field = error.where?.field?.replace(/^measures\[0\]\.?/, '');
  const line = error.where?.line;
  return { message, ...(line === undefined ? {} : { line }), ...(field === undefined || field === '' ? {} : { field }) };
}

/**
 * Saves the editor of a draft in ONE transaction: the corrected cells and notes through the same import as `misura
 * import` (the draft updated in place, audited), then each changed measure read and checked as `misura measures
 * apply` reads and checks a file, bound to the indicator it stands beside, stored and audited. A measure refused
 * anywhere refuses the whole save (DraftMeasuresRefused, one refusal per indicator): nothing is written. Only a draft
 * can be edited, checked inside the transaction so that an edition approved meanwhile stays untouched.
 */
export async function saveDraftEdits(
  deps: ImportCardsDeps,
  actor: Actor,
  input: EditionReference,
  edits: DraftEdits,
): Promise<{ import: ImportSummary; measures: ApplyMeasuresSummary }> {
  return deps.database.db.transaction().execute(async (trx) => {
    const stored = await findDraftEdition(trx, input);
    const imported: ImportedCard = { organisation: { slug: stored.organisation.slug, name: stored.organisation.name }, card: editedCard(stored.card, edits), doubts: [] };
    const summary = await importCardsIn(trx, deps, [imported], { actor });
    if (summary.cards[0]?.edition !== stored.editionKey) {
      throw new UserError(`the ${stored.editionKey} edition of "${stored.card.service.slug}" is no longer the draft of its year: open the editor again`, { field: 'edition' });
    }
    const written = await findDraftEdition(trx, { service: stored.card.service.slug, edition: stored.editionKey });
    const shown = await measureTextsOf(trx, written);
    const cards = await listCards(trx);
    const refusals = new Map<number, MeasureRefusal>();
    const entries: unknown[] = [];
    for (const indicator of written.card.indicators) {
      const typed = edits.measures.get(indicator.position);
      const before = shown.get(indicator.position);
      if (typed === undefined || before === undefined || sameText(typed, before.text)) continue;
      const checked = checkTypedMeasure(typed, cards, { service: written.card.service.slug, edition: written.editionKey, indicator: indicator.slug }, before.measured);
      if ('refusal' in checked) refusals.set(indicator.position, checked.refusal);
      else if (checked.entry !== null) entries.push(checked.entry);
    }
    if (refusals.size > 0) throw new DraftMeasuresRefused(refusals);
    const measures = await applyMeasuresIn(trx, deps, { measures: entries }, {}, { actor });
    return { import: summary, measures };
  });
}

/**
 * One indicator's typed measure, read and checked as `measures apply` reads and checks a file: its entry (null when
 * the text holds none, e.g. the skeleton left commented), or why it is refused. The entry must be for the indicator
 * the box stands beside; an indicator that has a measure cannot lose it here, as a file applied cannot remove one.
 */
function checkTypedMeasure(text: string, cards: readonly StoredCard[], key: { service: string; edition: string; indicator: string }, measured: boolean): { entry: unknown } | { refusal: MeasureRefusal } {
  let parsed: MeasuresFile | null;
  try {
    parsed = measuresDocumentOf(readMeasuresText(text, `${key.indicator}.yaml`));
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    return { refusal: refusalOf(error) };
  }
  if (parsed === null) return measured ? { refusal: { message: 'empty: a measure is changed here, not removed (as with misura measures apply); write the measure again' } } : { entry: null };
  let entry;
  try {
    const [checked, ...more] = checkMeasureEntries(parsed.data, cards, parsed);
    if (checked === undefined || more.length > 0) return { refusal: { message: `write one entry, for indicator "${key.indicator}" only (found ${more.length + (checked === undefined ? 0 : 1)})` } };
    entry = checked;
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    return { refusal: refusalOf(error) };
  }
  for (const [field, wanted, given] of [['service', key.service, entry.service], ['edition', key.edition, entry.edition], ['indicator', key.indicator, entry.indicatorSlug]] as const) {
    if (given !== wanted) {
      const line = parsed.lineOf(`measures[0].${field}`);
      return { refusal: { message: `this box holds the measure of ${key.service} ${key.edition} ${key.indicator}, not of "${given}"`, field, ...(line === undefined ? {} : { line }) } };
    }
  }
  return { entry: (parsed.data as { measures: unknown[] }).measures[0] };
}

/** The cards of a review form as they came back: checked for shape, since the browser could send anything. */
export function parseReviewedCards(text: string): ImportedCard[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new UserError('the review form came back damaged: read the file again', { field: 'cards' });
  }
  const isCard = (value: unknown): value is ImportedCard => {
    const card = (value as { card?: { service?: { slug?: unknown; name?: unknown }; indicators?: unknown; source?: { file?: unknown } } } | null)?.card;
    return (
      typeof card === 'object' &&
      card !== null &&
      typeof card.service?.slug === 'string' &&
      typeof card.service.name === 'string' &&
      Array.isArray(card.indicators) &&
      typeof card.source?.file === 'string'
    );
  };
  if (!Array.isArray(parsed) || parsed.length === 0 || !parsed.every(isCard)) {
    throw new UserError('the review form came back damaged: read the file again', { field: 'cards' });
  }
  return parsed;
}

/**
 * Saves reviewed cards as drafts, with the person's corrections (card index → row position → cells) and answers to
 * unsure matches ("service/indicator" → stable id, or null for a new indicator), through the same import as
 * `misura import`: transactional, audited, the draft updated in place when it exists.
 */
export async function saveReviewedCards(
  deps: ImportCardsDeps,
  actor: Actor,
  cards: readonly ImportedCard[],
  edits: ReadonlyMap<number, ReadonlyMap<number, IndicatorEdit>>,
  decisions: ReadonlyMap<string, string | null> = new Map(),
  notes: ReadonlyMap<number, string> = new Map(),
): Promise<ImportSummary> {
  return importCards(deps, applyReviewEdits(cards, edits, notes), { actor, decisions });
}

/** Cards of a review form with the person's corrections, for showing a refused save again. */
export function applyReviewEdits(cards: readonly ImportedCard[], edits: ReadonlyMap<number, ReadonlyMap<number, IndicatorEdit>>, notes: ReadonlyMap<number, string>): ImportedCard[] {
  return cards.map((imported, index) => {
    const typedNotes = notes.get(index);
    return { ...imported, card: editedCard(imported.card, { cells: edits.get(index) ?? new Map(), ...(typedNotes === undefined ? {} : { notes: typedNotes }) }) };
  });
}
