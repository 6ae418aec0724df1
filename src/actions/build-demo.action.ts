import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ImportedCard } from '../domain/cards/imported-card.ts';
import type { WorkCalendar } from '../domain/calendar/index.ts';
import type { MeasureEvent } from '../domain/events/event.ts';
import { UserError } from '../domain/shared/errors.ts';
import { generateDemoEvents } from '../demo/demo-events.ts';
import { demoSpanOf } from '../demo/demo-span.ts';
import { randomFor } from '../demo/random.ts';
import { generateDemoVotes } from '../demo/satisfaction-votes.generator.ts';
import { readCardText } from '../formats/card-text.importer.ts';
import type { EventRow } from '../formats/event-record.ts';
import type { Database } from '../storage/database.ts';
import { addDemoAccounts, type DemoAccount } from './add-demo-accounts.action.ts';
import { applyMeasures } from './apply-measures.action.ts';
import { importCards } from './import-cards.action.ts';
import { ingestEvents } from './ingest-events.action.ts';
import { listServices } from './list-services.action.ts';
import { recordTrustedVotes } from './satisfaction.action.ts';

/** The act the demo's cards are published under: the seeds are real cards, but misura does not know their decree. */
export const DEMO_ACT = 'Carta dei servizi pubblicata dal Ministero del Lavoro e delle Politiche Sociali (demo)';

/** The file of the seed folder that holds the seed cards' measures. */
export const SEED_MEASURES_FILE = 'measures.yaml';

export interface BuildDemoDeps {
  database: Database;
  now?: () => Date;
  calendar?: WorkCalendar;
}

export interface BuildDemoRequest {
  /** Same seed, same events: building twice gives the same data. */
  seed: number;
  year: number;
  /** Last local date with events ('YYYY-MM-DD' in `year`), normally yesterday. */
  lastDate: string;
  /** The folder of the seed cards (*.txt) and of measures.yaml. */
  seedDir: string;
  /** Told at each step, and every 10,000 events while ingesting. */
  onProgress?: (progress: BuildDemoProgress) => void;
}

export type BuildDemoProgress =
  | { step: 'cards'; cards: number; indicators: number }
  | { step: 'measures'; measures: number }
  | { step: 'events'; events: number };

export interface BuildDemoSummary {
  cards: number;
  indicators: number;
  measures: number;
  /** Events generated and ingested (register corrections included). */
  events: number;
  /** "Mettiamoci la faccia" votes cast on the services (each also an event, not counted in `events`). */
  votes: number;
  /** Of which stored for the first time, already stored unchanged, and corrections of an earlier version. */
  accepted: number;
  duplicates: number;
  corrected: number;
  seconds: number;
  /** One back-office account per role, with its (public) demo password. */
  accounts: readonly DemoAccount[];
}

/**
 * Builds the demo: imports the seed cards, applies their measures (seedDir/measures.yaml) and ingests a generated
 * year of raw events through the same ingestion real data uses (all-or-nothing), and a year of satisfaction votes. Nothing
 * else is written: every number of the report is computed from these events; and one back-office account per role.
 * Idempotent for the same request.
 */
export async function buildDemo(deps: BuildDemoDeps, request: BuildDemoRequest): Promise<BuildDemoSummary> {
  const started = performance.now();
  const cards = await readSeedCards(request.seedDir);
  // The demo takes the path a script would: import and publish at once, as adopted by the act the seeds stand for.
  const imported = await importCards(deps, cards, { actor: { kind: 'system', name: 'demo' }, publish: { act: DEMO_ACT } });
  const indicators = imported.cards.reduce((sum, card) => sum + card.indicatorCount, 0);
  request.onProgress?.({ step: 'cards', cards: imported.cards.length, indicators });

  const measuresPath = join(request.seedDir, SEED_MEASURES_FILE);
  // The YAML parser is loaded here, not by every command that opens the context.
  const { readMeasuresText } = await import('../formats/measures-file.ts');
  const measuresFile = readMeasuresText(await readSeedFile(measuresPath), measuresPath);
  const applied = await applyMeasures(deps, measuresFile.data, measuresFile);
  request.onProgress?.({ step: 'measures', measures: applied.measures.length });

  const services = await listServices(deps);
  const phoneHours = services.flatMap(({ service }) => service.channels).find((channel) => channel.kind === 'phone' && channel.hours !== null)?.hours;
  const events = generateDemoEvents({ seed: request.seed, year: request.year, lastDate: request.lastDate, ...(phoneHours ? { phoneHours } : {}) });
  let count = 0;
  const ingested = await ingestEvents(deps, rowsOf(events, () => (count += 1)), {
    mode: 'all-or-nothing',
    onProgress: (progress) => request.onProgress?.({ step: 'events', events: progress.rows }),
  });
  // Votes on every service, so that Servizi in rete shows what a year of "Mettiamoci la faccia" looks like.
  const span = demoSpanOf(request.year, request.lastDate, deps.calendar);
  const votes = [...generateDemoVotes(span, randomFor(request.seed, 'satisfaction-votes'), services.map(({ service }) => service.slug))];
  await recordTrustedVotes(deps, votes);
  const accounts = await addDemoAccounts(deps);
  return {
    accounts,
    cards: imported.cards.length,
    indicators,
    measures: applied.measures.length,
    events: count,
    votes: votes.length,
    accepted: ingested.accepted,
    duplicates: ingested.duplicates,
    corrected: ingested.corrected,
    seconds: (performance.now() - started) / 1000,
  };
}

/** The seed cards (*.txt of the folder, by name), read as the import command reads card files. */
async function readSeedCards(seedDir: string): Promise<ImportedCard[]> {
  let names: string[];
  try {
    names = (await readdir(seedDir)).filter((name) => name.endsWith('.txt')).sort();
  } catch {
    throw new UserError('the seed folder cannot be read', { file: seedDir });
  }
  if (names.length === 0) throw new UserError('the seed folder holds no card (*.txt)', { file: seedDir });
  const cards: ImportedCard[] = [];
  for (const name of names) cards.push(readCardText(await readSeedFile(join(seedDir, name)), { file: name }));
  return cards;
}

async function readSeedFile(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UserError(code === 'ENOENT' ? 'file not found' : `cannot read the file (${code ?? String(error)})`, { file: path });
  }
}

/** The generated events as ingestion rows, numbered so an error would name the row. */
function* rowsOf(events: Iterable<MeasureEvent>, onEvent: () => void): Generator<EventRow> {
  let line = 0;
  for (const event of events) {
    line += 1;
    onEvent();
    yield { line, file: 'demo', event };
  }
}
