import { extname } from 'node:path';
import { LineCounter, parseDocument, stringify } from 'yaml';
import type { TargetUnit } from '../domain/cards/target.ts';
import type { IndicatorMeasure } from '../domain/measures/measure.ts';
import { UserError } from '../domain/shared/errors.ts';

export type MeasuresFormat = 'yaml' | 'json';

/** The measures of a set of indicators, as a data steward writes and keeps them. */
export interface MeasuresDocument {
  measures: IndicatorMeasure[];
}

/** A measures file as read: its content, not yet checked, and where each part of it is. */
export interface MeasuresFile {
  file: string;
  data: unknown;
  /** The 1-based line of a path such as "measures[3].good[0].op" (or of its nearest existing parent). */
  lineOf(path: string): number | undefined;
}

const FORMATS_BY_EXTENSION: Record<string, MeasuresFormat> = { '.yaml': 'yaml', '.yml': 'yaml', '.json': 'json' };

/** The format a file name implies (.yaml, .yml, .json), or undefined. */
export function measuresFormatOf(fileName: string): MeasuresFormat | undefined {
  return FORMATS_BY_EXTENSION[extname(fileName).toLowerCase()];
}

/**
 * Parses a YAML or JSON measures file (JSON is read as the YAML it is a subset of, so both report lines the same
 * way). Syntax errors and repeated keys are UserErrors naming the file and line; the content is checked by
 * apply-measures.
 */
export function readMeasuresText(text: string, file: string): MeasuresFile {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const [error] = document.errors;
  if (error !== undefined) {
    const line = lineCounter.linePos(error.pos[0]).line;
    const kind = measuresFormatOf(file) === 'json' ? 'JSON' : 'YAML';
    throw new UserError(`not valid ${kind}: ${error.message.split('\n')[0] ?? error.message}`, { file, line });
  }
  return {
    file,
    data: document.toJS({ maxAliasCount: 100 }) as unknown,
    lineOf: (path) => {
      const keys = pathKeys(path);
      // A missing field has no line: point at the object that should hold it.
      for (let length = keys.length; length > 0; length -= 1) {
        const node = document.getIn(keys.slice(0, length), true) as { range?: [number, number, number] } | undefined;
        if (node?.range !== undefined) return lineCounter.linePos(node.range[0]).line;
      }
      return undefined;
    },
  };
}

/** Writes the document as YAML (with a heading comment) or as indented JSON; both end with a newline. */
/** An indicator with no measure yet, as the skeleton of `measures export` lists it. */
export interface UnmeasuredIndicator {
  service: string;
  edition: string;
  indicator: string;
  description: string;
  /** The valore programmato as written. */
  target: string;
  unit: TargetUnit | null;
}

/** The measure kind that usually gives a target's unit: a first guess for the skeleton, to be checked. */
const KIND_FOR_UNIT: Partial<Record<TargetUnit, string>> = {
  percent: 'ratio',
  days: 'duration',
  'working-days': 'duration',
  hours: 'duration',
  minutes: 'duration',
  count: 'count',
};

/**
 * The measures as YAML (with a heading) or JSON. In YAML, the indicators still to measure follow as a commented
 * skeleton: uncomment an entry, complete its measure and apply the file; the entries stay ignored until then.
 */
export function writeMeasuresText(document: MeasuresDocument, format: MeasuresFormat, unmeasured: readonly UnmeasuredIndicator[] = []): string {
  const data: MeasuresDocument = { measures: document.measures };
  if (format === 'json') return `${JSON.stringify(data, null, 2)}\n`;
  const heading = [
    '# misura measures: how each indicator is measured (service slug, card edition, indicator slug, measure).',
    '# Edit, then load with `misura measures apply <file>`; the format is described in docs/events.md.',
  ].join('\n');
  return `${heading}\n${stringify(data, { lineWidth: 0 })}${skeletonOf(unmeasured)}`;
}

function skeletonOf(unmeasured: readonly UnmeasuredIndicator[]): string {
  if (unmeasured.length === 0) return '';
  const lines = [
    '',
    `# Still to measure (${unmeasured.length}): move each entry under "measures:", uncomment it and complete its measure.`,
    '# Kinds: ratio, availability-days, duration, count, register, snapshot, freshness (docs/events.md).',
  ];
  return `${lines.join('\n')}\n${unmeasured.map(writeSkeletonEntryText).join('')}`;
}

/** One indicator's commented skeleton, as `measures export` prints it under "Still to measure". */
export function writeSkeletonEntryText(entry: UnmeasuredIndicator): string {
  const oneLine = (text: string) => text.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim();
  const lines = [
    `# - service: ${entry.service}`,
    `#   edition: "${entry.edition}"`,
    `#   indicator: ${entry.indicator}`,
    `#   # ${oneLine(entry.description)} — valore programmato: ${oneLine(entry.target)}`,
    '#   measure:',
    `#     kind: ${(entry.unit === null ? undefined : KIND_FOR_UNIT[entry.unit]) ?? 'ratio'}`,
  ];
  return `${lines.join('\n')}\n`;
}

/** One indicator's entry as it stands in the list of an exported measures file ("- service: …"). */
export function writeMeasureEntryText(entry: IndicatorMeasure): string {
  return stringify([entry], { lineWidth: 0 });
}

/**
 * The measures document a text holding the entries of a measures file means: a whole file ({ measures: […] }), or
 * its bare list of entries as the card editor shows one indicator's ("- service: …"); null when it holds nothing
 * (empty, or only the commented skeleton). Paths of the document are mapped back onto the text for `lineOf`.
 */
export function measuresDocumentOf(parsed: MeasuresFile): MeasuresFile | null {
  if (parsed.data === null || parsed.data === undefined) return null;
  if (!Array.isArray(parsed.data)) return parsed;
  return { file: parsed.file, data: { measures: parsed.data }, lineOf: (path) => parsed.lineOf(path.replace(/^measures(?=\[|$)/, '')) };
}

/** "measures[3].good[0].op" → ["measures", 3, "good", 0, "op"]. */
function pathKeys(path: string): (string | number)[] {
  const keys: (string | number)[] = [];
  for (const part of path.split('.')) {
    const match = /^([^[\]]*)((?:\[\d+\])*)$/.exec(part);
    if (match === null) {
      keys.push(part);
      continue;
    }
    if (match[1] !== '' && match[1] !== undefined) keys.push(match[1]);
    for (const index of (match[2] ?? '').matchAll(/\[(\d+)\]/g)) keys.push(Number(index[1]));
  }
  return keys;
}
