import type { Command } from 'commander';
import { UserError } from '../domain/shared/errors.ts';
import type { CliIo } from './cli-io.ts';
import { cliUserName } from './password-input.ts';
import { openEventsContext, withContext, type OpenEventsContext } from './events-context.ts';

/** How many days ahead `misura diffide remind` looks by default: the back office's queue looks as far. */
const DEFAULT_REMIND_DAYS = 14;

function parseDays(text: string): number {
  if (!/^\d{1,2}$/.test(text.trim()) || Number(text) > 90) throw new UserError(`"${text}" is not a number of days from 0 to 90`, { field: '--days' });
  return Number(text);
}

/**
 * `misura diffide list [--json] [--open]`: every diffida with its 90-day deadline and days left; `misura diffide remind
 * [--days N]`: mails the quality office those due within N days or overdue (run it daily from cron or a timer).
 */
export function registerDiffideCommand(program: Command, io: CliIo, setExit: (code: number) => void, open: OpenEventsContext = openEventsContext): void {
  const diffide = program.command('diffide').description('The diffide received (d.lgs. 198/2009 art. 3): deadlines and reminders.');

  diffide
    .command('list')
    .description('List the diffide: number, service, received, 90-day deadline, days left, state (no personal data unless --json).')
    .option('--json', 'print {"diffide":[…]} as JSON, with the claimant\'s details, facts, outcome and measures')
    .option('--open', 'only those still awaiting an outcome')
    .action(async (options: { json?: boolean; open?: boolean }) => {
      const list = await withContext(open, io, (actions) => actions.listDiffide(options.open === true ? { open: true } : {}));
      if (options.json) {
        io.out(JSON.stringify({ diffide: list }, null, 2));
        return;
      }
      if (list.length === 0) {
        io.out(options.open === true ? 'No diffida awaits an outcome.' : 'No diffide yet.');
        return;
      }
      const rows = list.map((d) => [
        d.number,
        d.serviceSlug,
        d.terms.receivedOn,
        d.terms.deadline,
        d.state === 'received' || d.state === 'acknowledged' ? (d.overdue ? `overdue ${-d.daysLeft}` : String(d.daysLeft)) : '—',
        d.outcome === null ? d.state : `${d.state} (${d.outcome})`,
      ]);
      const header = ['number', 'service', 'received', 'deadline', 'days left', 'state'];
      const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
      for (const row of [header, ...rows]) io.out(row.map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column]!))).join('  '));
    });

  diffide
    .command('remind')
    .description('Mail the quality office the diffide without an outcome due within --days days or overdue; exit 1 if the mail could not be sent.')
    .option('--days <n>', 'how many days ahead to look (0-90)', String(DEFAULT_REMIND_DAYS))
    .action(async (options: { days: string }) => {
      const days = parseDays(options.days);
      const result = await withContext(open, io, (actions) => actions.remindDiffide(days));
      if (result.due.length === 0) {
        io.out(`No diffida is due within ${days} days or overdue: nothing to send.`);
        return;
      }
      for (const d of result.due) io.out(`${d.number}  ${d.serviceSlug}  deadline ${d.terms.deadline}  ${d.daysLeft < 0 ? `overdue by ${-d.daysLeft} days` : `${d.daysLeft} days left`}`);
      if (result.sent) {
        io.out(`Reminder of ${result.due.length} diffide sent to ${result.recipients} address${result.recipients === 1 ? '' : 'es'} of the quality office.`);
      } else {
        io.err('misura: the reminder was not sent (no SMTP settings, no quality-office account, or the server refused it); see the line above');
        setExit(1);
      }
    });

  diffide
    .command('erase-expired')
    .description(
      'Erase the personal data (name, e-mail, facts, notes) of diffide past their retention (MISURA_DIFFIDA_RETENTION_YEARS from receipt, never before the ricorso window closes) once settled; run it daily.',
    )
    .option('--dry-run', 'say which diffide would be erased, and change nothing')
    .action(async (options: { dryRun?: boolean }) => {
      const dryRun = options.dryRun === true;
      const actor = { kind: 'cli' as const, name: cliUserName(io.env) };
      const result = await withContext(open, io, (actions) => actions.eraseExpiredDiffide(actor, { dryRun }));
      for (const d of result.erased) io.out(`${d.number}  received ${d.receivedOn}  ${dryRun ? 'would be erased' : 'erased'} (retention ended ${d.erasableFrom})`);
      for (const d of result.keptOpen) io.out(`${d.number}  received ${d.receivedOn}  kept: past its retention (${d.erasableFrom}) but still awaiting an outcome`);
      const count = result.erased.length;
      io.out(
        count === 0
          ? 'No diffida is past its retention: nothing to erase.'
          : `${count} diffid${count === 1 ? 'a' : 'e'} ${dryRun ? 'would have their' : 'had their'} personal data erased${dryRun ? ' (dry run: nothing changed)' : ''}.`,
      );
    });
}
