import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { extname } from 'node:path';
import type { Command } from 'commander';
import { UserError } from '../domain/shared/errors.ts';
import type { EventReaderOptions, EventRow } from '../formats/event-record.ts';
import type { CliIo } from './cli-io.ts';
import { openEventsContext, type OpenEventsContext } from './events-context.ts';

type EventReader = (path: string, options: EventReaderOptions) => AsyncGenerator<EventRow>;

// Each reader loads its parser (csv-parse, exceljs) when a file of its kind is read, not when the CLI starts.
const READERS: Record<string, EventReader> = {
  '.ndjson': async function* (path, options) {
    yield* (await import('../formats/events-ndjson.reader.ts')).readEventsNdjson(createReadStream(path), options);
  },
  '.jsonl': async function* (path, options) {
    yield* (await import('../formats/events-ndjson.reader.ts')).readEventsNdjson(createReadStream(path), options);
  },
  '.csv': async function* (path, options) {
    yield* (await import('../formats/events-csv.reader.ts')).readEventsCsv(createReadStream(path), options);
  },
  '.xlsx': async function* (path, options) {
    yield* (await import('../formats/events-xlsx.reader.ts')).readEventsXlsx(createReadStream(path), options);
  },
};

/** `misura ingest <files…>`: stores events from NDJSON, CSV or XLSX files, all files or nothing. */
export function registerIngestCommand(program: Command, io: CliIo, _setExit: (code: number) => void, open: OpenEventsContext = openEventsContext): void {
  program
    .command('ingest')
    .description('Store events from .ndjson/.jsonl, .csv or .xlsx files in one transaction: a bad row stops everything and names its file, line and field.')
    .argument('<files...>', 'event files')
    .option('--source <name>', 'the source of rows that name none')
    .action(async (files: string[], options: { source?: string }) => {
      const source = options.source?.trim();
      if (options.source !== undefined && !source) throw new UserError('--source needs a name, e.g. --source contact-centre');
      const readers = await Promise.all(files.map((file) => readerFor(file)));
      const readOptions = (file: string): EventReaderOptions => (source ? { file, defaultSource: source } : { file });
      async function* allRows(): AsyncGenerator<EventRow> {
        for (const [index, file] of files.entries()) yield* readers[index]!(file, readOptions(file));
      }
      const context = await open(io.env);
      try {
        const summary = await context.actions.ingestEvents(allRows(), {
          mode: 'all-or-nothing',
          onProgress: (progress) => io.err(`ingest: ${progress.rows.toLocaleString('en')} rows read`),
        });
        io.out(`${summary.accepted} new, ${summary.duplicates} already stored, ${summary.corrected} corrected events from ${files.length} ${files.length === 1 ? 'file' : 'files'}`);
      } finally {
        await context.close();
      }
    });
}

/** The reader of a file by its extension; a missing file or unknown extension is a UserError naming it. */
async function readerFor(file: string): Promise<EventReader> {
  const reader = READERS[extname(file).toLowerCase()];
  if (reader === undefined) throw new UserError('unknown event file type: use .ndjson (or .jsonl), .csv or .xlsx', { file });
  try {
    const info = await stat(file);
    if (info.isDirectory()) throw new UserError('is a folder, not an event file', { file });
  } catch (error) {
    if (error instanceof UserError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new UserError(code === 'ENOENT' ? 'file not found' : `cannot read the file (${code ?? String(error)})`, { file });
  }
  return reader;
}
