import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import type { AuditFilter } from '../actions/list-audit-log.action.ts';
import { UserError } from '../domain/shared/errors.ts';
import type { CliIo } from './cli-io.ts';
import { openEventsContext, withContext, type OpenEventsContext } from './events-context.ts';


/** A date or instant typed on the command line as the canonical UTC instant the log stores. */
function instantOption(text: string | undefined, field: string, endOfDay: boolean): string | undefined {
  if (text === undefined) return undefined;
  const day = /^\d{4}-\d{2}-\d{2}$/.test(text);
  const instant = new Date(day ? `${text}T${endOfDay ? '23:59:59.999' : '00:00:00.000'}Z` : text);
  if (Number.isNaN(instant.getTime())) throw new UserError(`"${text}" is not a date (YYYY-MM-DD) or an instant (ISO 8601)`, { field });
  return instant.toISOString();
}

interface ListOptions {
  actor?: string;
  action?: string;
  entityType?: string;
  entity?: string;
  from?: string;
  to?: string;
  json?: boolean;
  csv?: boolean;
  out?: string;
}

/**
 * `misura audit verify` and `misura audit list`: the tamper-evident log of every change, for the OIV. verify walks the
 * hash chain and exits 1 naming the first row edited, deleted or reordered; list prints or exports the rows.
 */
export function registerAuditCommand(program: Command, io: CliIo, setExit: (code: number) => void, open: OpenEventsContext = openEventsContext): void {
  const audit = program.command('audit').description('Verify and read the audit log of every change (who, when, what, before and after).');

  audit
    .command('verify')
    .description('Check the hash chain of the whole audit log: exit 0 when it holds, 1 naming the first row edited, deleted or reordered.')
    .option('--json', 'print the result as JSON')
    .action(async (options: { json?: boolean }) => {
      const result = await withContext(open, io, (actions) => actions.verifyAuditLog());
      if (options.json) io.out(JSON.stringify(result, null, 2));
      else if (result.ok) io.out(`The audit log holds: ${result.rows} ${result.rows === 1 ? 'row' : 'rows'} checked, chain head ${result.headHash}.`);
      else io.err(`misura: the audit log does not hold: ${result.problem.message}.`);
      if (!result.ok) setExit(1);
    });

  audit
    .command('list')
    .description('List the audit log, oldest first, optionally filtered; --csv exports it with the hashes.')
    .option('--actor <actor>', 'who: "user:anna@comune.example", "cli:root", or a kind with a colon ("user:")')
    .option('--action <action>', 'what: "edition.approve", or a prefix with a dot ("edition.")')
    .option('--entity-type <type>', 'the kind of thing changed: edition, service, user, source…')
    .option('--entity <key>', 'the thing changed, by its key ("centro-di-contatto/2027")')
    .option('--from <date>', 'from this date (YYYY-MM-DD, UTC) or instant')
    .option('--to <date>', 'up to this date (YYYY-MM-DD, inclusive, UTC) or instant')
    .option('--json', 'print {"records":[…]} as JSON')
    .option('--csv', 'print CSV (RFC 4180) with every field and hash')
    .option('--out <file>', 'write the JSON or CSV to this file instead of the terminal')
    .action(async (options: ListOptions) => {
      if (options.json === true && options.csv === true) throw new UserError('choose one of --json and --csv', { field: '--csv' });
      const filter: AuditFilter = {};
      if (options.actor !== undefined) filter.actor = options.actor;
      if (options.action !== undefined) filter.action = options.action;
      if (options.entityType !== undefined) filter.entityType = options.entityType;
      if (options.entity !== undefined) filter.entityKey = options.entity;
      const from = instantOption(options.from, '--from', false);
      const to = instantOption(options.to, '--to', true);
      if (from !== undefined) filter.from = from;
      if (to !== undefined) filter.to = to;
      const records = await withContext(open, io, (actions) => actions.listAuditLog(filter));
      let text: string;
      if (options.csv === true) {
        const [{ writeOpenDataCsv }, { auditTableOf }] = await Promise.all([import('../formats/opendata-csv.ts'), import('../formats/audit-table.ts')]);
        text = writeOpenDataCsv(auditTableOf(records));
      } else if (options.json === true) {
        text = `${JSON.stringify({ records }, null, 2)}\n`;
      } else {
        if (options.out !== undefined) throw new UserError('--out needs --json or --csv', { field: '--out' });
        if (records.length === 0) {
          io.out('No change recorded (with these filters).');
          return;
        }
        for (const record of records) io.out(`${String(record.id).padStart(6)}  ${record.at}  ${record.actor}  ${record.action}  ${record.entityType} ${record.entityKey}`);
        return;
      }
      if (options.out === undefined) io.out(text.replace(/\r?\n$/, ''));
      else {
        writeFileSync(options.out, text);
        io.out(`${records.length} ${records.length === 1 ? 'record' : 'records'} written to ${options.out}`);
      }
    });
}
