import { readFile, stat } from 'node:fs/promises';
import type { Command } from 'commander';
import { formatCentsPlain } from '../domain/costs/service-cost.ts';
import { UserError } from '../domain/shared/errors.ts';
import type { CliIo } from './cli-io.ts';
import { openEventsContext, withContext, type OpenEventsContext } from './events-context.ts';
import { cliUserName } from './password-input.ts';

/** Reads a costs file whole (they are small), or a UserError naming it. */
async function readCostsFile(path: string): Promise<Uint8Array> {
  // Loaded when the command runs, as the rest of what a command uses: `misura --help` reads no CSV.
  const { MAX_COST_FILE_BYTES } = await import('../formats/service-costs-csv.reader.ts');
  try {
    const info = await stat(path);
    if (info.isDirectory()) throw new UserError('is a folder, not a CSV file', { file: path });
    if (info.size > MAX_COST_FILE_BYTES) throw new UserError(`is ${info.size} bytes; a costs file is at most ${MAX_COST_FILE_BYTES}`, { file: path });
    return new Uint8Array(await readFile(path));
  } catch (error) {
    if (error instanceof UserError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new UserError(code === 'ENOENT' ? 'file not found' : `cannot read the file (${code ?? String(error)})`, { file: path });
  }
}

/** Cents as the CLI prints amounts: Italian style, as they are typed ("1250000,50"). */
const amount = (cents: number) => formatCentsPlain(cents);

/**
 * `misura costs set <service> <year> --actual … --staff …`, `misura costs import FILE.csv`, `misura costs list [--json]`:
 * the costi contabilizzati of each service and year (art. 32 c.2 lett. a d.lgs. 33/2013), published on the transparency
 * page and as open data. Amounts as offices write them: "1.250.000,50", "€ 12.345".
 */
export function registerCostsCommand(program: Command, io: CliIo, _setExit: (code: number) => void, open: OpenEventsContext = openEventsContext): void {
  const costs = program.command('costs').description('The accounted costs of each service and year (costi contabilizzati, art. 32 c.2 lett. a d.lgs. 33/2013).');
  const actor = () => ({ kind: 'cli' as const, name: cliUserName(io.env) });

  costs
    .command('set <service> <year>')
    .description('Record (or replace) a service\'s costs for a year; audited.')
    .requiredOption('--actual <euro>', 'costs actually incurred, e.g. "1.250.000,50" (0 for none)')
    .requiredOption('--staff <euro>', 'costs imputed to staff, e.g. "€ 300.000" (0 for none)')
    .option('--volume <units>', 'units delivered that year (then the page shows a cost per unit)')
    .option('--note <text>', 'a note published beside the year')
    .option('--source <text>', 'where the figures come from, e.g. "controllo di gestione"')
    .action(async (service: string, year: string, options: { actual: string; staff: string; volume?: string; note?: string; source?: string }) => {
      const input = { service, year, actual: options.actual, staff: options.staff, volume: options.volume ?? '', note: options.note ?? '', source: options.source ?? '' };
      const recorded = await withContext(open, io, (actions) => actions.recordServiceCost(actor(), input));
      io.out(`${recorded.replaced ? 'Replaced' : 'Recorded'} the ${recorded.year} costs of "${recorded.service}".`);
    });

  costs
    .command('import <file>')
    .description('Import a CSV (service,year,actual,staff,note; volume and source optional; comma or semicolon), all or nothing.')
    .action(async (file: string) => {
      const content = await readCostsFile(file);
      const recorded = await withContext(open, io, (actions) => actions.importServiceCosts(actor(), { name: file, content }));
      const replaced = recorded.filter((r) => r.replaced).length;
      io.out(`Imported ${recorded.length} year${recorded.length === 1 ? '' : 's'} of costs from ${file} (${recorded.length - replaced} new, ${replaced} replaced).`);
    });

  costs
    .command('list')
    .description('List the costs: service, year, actual, staff, total (euro), who changed them last.')
    .option('--json', 'print {"services":[…]} as JSON, amounts in cents')
    .action(async (options: { json?: boolean }) => {
      const list = await withContext(open, io, (actions) => actions.listServiceCosts());
      if (options.json) {
        io.out(JSON.stringify({ services: list }, null, 2));
        return;
      }
      if (list.length === 0) {
        io.out('No costs recorded yet: record some with `misura costs set <service> <year> --actual … --staff …` or `misura costs import costi.csv`.');
        return;
      }
      const rows = list.flatMap((listing) => listing.years.map((y) => [listing.service.slug, String(y.year), amount(y.actualCents), amount(y.staffCents), amount(y.totalCents), y.updatedBy]));
      const header = ['service', 'year', 'actual', 'staff', 'total', 'updated by'];
      const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
      for (const row of [header, ...rows]) io.out(row.map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column]!))).join('  '));
    });
}
