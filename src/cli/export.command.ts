import { renameSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { Command } from 'commander';
import { UserError } from '../domain/shared/errors.ts';
import { parseYearOption } from './card-files.ts';
import type { CliIo } from './cli-io.ts';
import { openEventsContext, type OpenEventsContext } from './events-context.ts';

const CARD_FORMATS = ['pdf', 'docx', 'xlsx', 'odt'];
const REPORT_FORMATS = ['pdf', 'docx', 'xlsx'];

/** `misura export card|report`: official documents of a card edition and of the year's results. */
export function registerExportCommand(program: Command, io: CliIo, _setExit: (code: number) => void, open: OpenEventsContext = openEventsContext): void {
  const exportCommand = program.command('export').description('Write official documents: a card edition (PDF, DOCX, XLSX, ODT) or the yearly results report (PDF, DOCX, XLSX).');
  exportCommand
    .command('card')
    .description('Write a card edition in the layout of the cards PAs adopt, stamped with the time and a SHA-256 of its data.')
    .requiredOption('--service <service>', "the service's slug or name")
    .requiredOption('--year <year>', 'the edition: a year, or "undated"')
    .requiredOption('--format <format>', CARD_FORMATS.join(', '))
    .requiredOption('--out <file>', 'the file to write')
    .option('--act <text>', 'the act that adopted the card, written under its notes ("Delibera n. 12 del 3 febbraio 2026")')
    .action(async (options: { service: string; year: string; format: string; out: string; act?: string }) => {
      checkFormat(options.format, CARD_FORMATS);
      const edition = options.year === 'undated' ? 'undated' : (parseYearOption(options.year) ?? 0);
      const context = await open(io.env);
      try {
        const document = await context.actions.exportCardDocument({ service: options.service, edition, format: options.format, act: options.act ?? null });
        writeWhole(options.out, document.bytes);
        io.out(`wrote ${options.out} (${document.mediaType}, ${document.bytes.length} bytes)`);
      } finally {
        await context.close();
      }
    });
  exportCommand
    .command('report')
    .description("Write the year's results: promised against measured, status, numerator and denominator, how measured, per service.")
    .requiredOption('--year <year>', 'the year to report on')
    .requiredOption('--format <format>', REPORT_FORMATS.join(', '))
    .requiredOption('--out <file>', 'the file to write')
    .action(async (options: { year: string; format: string; out: string }) => {
      checkFormat(options.format, REPORT_FORMATS);
      const year = parseYearOption(options.year) ?? 0;
      const context = await open(io.env);
      try {
        const document = await context.actions.exportReportDocument({ year, format: options.format });
        writeWhole(options.out, document.bytes);
        io.out(`wrote ${options.out} (${document.mediaType}, ${document.bytes.length} bytes)`);
      } finally {
        await context.close();
      }
    });
}

function checkFormat(format: string, allowed: readonly string[]): void {
  if (!allowed.includes(format.toLowerCase())) throw new UserError(`--format must be ${allowed.join(', ')}, got "${format}"`);
}

/** Writes beside the target and renames, so a failed write leaves no half-written document. */
function writeWhole(file: string, bytes: Uint8Array): void {
  const temporary = join(dirname(file), `.${basename(file)}.${process.pid}.part`);
  try {
    writeFileSync(temporary, bytes);
  } catch (error) {
    throw new UserError(`cannot write ${file}: ${error instanceof Error ? error.message : String(error)}`, { field: 'out' });
  }
  renameSync(temporary, file);
}
