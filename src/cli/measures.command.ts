import { readFile, writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { UserError } from '../domain/shared/errors.ts';
import type { MeasuresFormat } from '../formats/measures-file.ts';
import type { CliIo } from './cli-io.ts';
import { cliUserName } from './password-input.ts';
import { openEventsContext, type OpenEventsContext } from './events-context.ts';

/** `misura measures export|apply|rebuild`: how indicators are measured, kept as a YAML or JSON file. */
export function registerMeasuresCommand(program: Command, io: CliIo, _setExit: (code: number) => void, open: OpenEventsContext = openEventsContext): void {
  const measures = program.command('measures').description('Export, apply or rebuild the measures of indicators (YAML or JSON; see docs/events.md).');

  measures
    .command('export')
    .description('Print (or write to --out) every stored measure as a document `measures apply` takes back; in YAML, a commented skeleton of each indicator still to measure follows.')
    .option('--out <file>', 'write to this file instead of the standard output')
    .option('--format <format>', 'yaml or json (default: from --out, else yaml)')
    .action(async (options: { out?: string; format?: string }) => {
      const { measuresFormatOf, writeMeasuresText } = await import('../formats/measures-file.ts');
      const format = formatOption(options.format) ?? (options.out === undefined ? undefined : measuresFormatOf(options.out)) ?? 'yaml';
      const context = await open(io.env);
      try {
        const exported = await context.actions.exportMeasures();
        const text = writeMeasuresText(exported, format, exported.unmeasured);
        if (options.out === undefined) {
          io.out(text);
          return;
        }
        await writeFile(options.out, text, 'utf8');
        io.out(`measures written to ${options.out}`);
      } finally {
        await context.close();
      }
    });

  measures
    .command('apply')
    .description('Check every measure of a YAML or JSON file against the stored cards, store them all, and rebuild their rollups.')
    .argument('<file>', 'measures file (.yaml, .yml or .json)')
    .action(async (file: string) => {
      const { readMeasuresText } = await import('../formats/measures-file.ts');
      const parsed = readMeasuresText(await readText(file), file);
      const context = await open(io.env);
      try {
        // Audited as the person at the terminal, as the card editor's measures are audited as the person signed in.
        const summary = await context.actions.applyMeasures(parsed.data, parsed, { actor: { kind: 'cli', name: cliUserName(io.env) } });
        for (const m of summary.measures) io.out(`${m.status.padEnd(9)} ${m.service} ${m.edition} ${m.indicator}`);
        const changed = summary.measures.filter((m) => m.status !== 'unchanged').length;
        io.out(`${summary.measures.length} measures, ${changed} new or changed; ${summary.rebuiltDays} day rollups rebuilt`);
      } finally {
        await context.close();
      }
    });

  measures
    .command('rebuild')
    .description('Recompute day rollups from the stored events: all, or one indicator (after changing MISURA_TIME_ZONE, or to check).')
    .option('--service <slug>', 'the service of the one indicator to rebuild')
    .option('--edition <edition>', 'its card edition (a year, or "undated")')
    .option('--indicator <slug>', 'the indicator')
    .action(async (options: { service?: string; edition?: string; indicator?: string }) => {
      const given = [options.service, options.edition, options.indicator].filter((value) => value !== undefined).length;
      if (given !== 0 && given !== 3) throw new UserError('to rebuild one indicator give --service, --edition and --indicator together');
      const context = await open(io.env);
      try {
        const summary =
          options.service !== undefined && options.edition !== undefined && options.indicator !== undefined
            ? await context.actions.rebuildRollups({ service: options.service, edition: options.edition, indicator: options.indicator })
            : await context.actions.rebuildRollups();
        io.out(`${summary.indicators} indicators, ${summary.days} day rollups rebuilt`);
      } finally {
        await context.close();
      }
    });
}

function formatOption(value: string | undefined): MeasuresFormat | undefined {
  if (value === undefined) return undefined;
  if (value === 'yaml' || value === 'json') return value;
  throw new UserError(`--format must be yaml or json, got "${value}"`);
}

async function readText(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UserError(code === 'ENOENT' ? 'file not found' : code === 'EISDIR' ? 'is a folder, not a measures file' : `cannot read the file (${code ?? String(error)})`, { file });
  }
}
