import type { Command } from 'commander';
import type { EditionComparison } from '../actions/diff-editions.action.ts';
import type { EditionListing } from '../actions/list-editions.action.ts';
import type { Actor } from '../domain/accounts/actor.ts';
import { UserError } from '../domain/shared/errors.ts';
import type { CliIo } from './cli-io.ts';
import { openEventsContext, withContext, type OpenEventsContext } from './events-context.ts';
import { cliUserName } from './password-input.ts';

/** Gathers the repeatable `--justify <indicator>="why"` into indicator → text. */
export function collectJustification(value: string, previous: Record<string, string> = {}): Record<string, string> {
  const at = value.indexOf('=');
  const slug = at < 0 ? '' : value.slice(0, at).trim();
  const text = at < 0 ? '' : value.slice(at + 1).trim().replace(/^"(.*)"$/s, '$1');
  if (slug === '' || text === '') throw new UserError(`--justify takes <indicator>="why", got "${value}"`, { field: 'justify' });
  return { ...previous, [slug]: text };
}

/** The approval options `editions approve` and `import --publish` share. */
export interface ApprovalOptions {
  act?: string;
  inForceFrom?: string;
  justify?: Record<string, string>;
}

export function approvalInputOf(options: ApprovalOptions): { act: string; inForceFrom?: string; justifications: Record<string, string> } {
  if (options.act === undefined || options.act.trim() === '') {
    throw new UserError('--act is required: the act that adopted the card, e.g. --act "Decreto direttoriale n. 12 del 15/01/2027"', { field: 'act' });
  }
  return { act: options.act, ...(options.inForceFrom !== undefined ? { inForceFrom: options.inForceFrom } : {}), justifications: options.justify ?? {} };
}

/** Adds --act, --in-force-from and --justify to a command. */
export function withApprovalOptions(command: Command): Command {
  return command
    .option('--act <act>', 'the act that adopted the card: kind, number and date ("Decreto direttoriale n. 12 del 15/01/2027")')
    .option('--in-force-from <date>', 'YYYY-MM-DD; default 1 January of the card\'s year, or the day of approval if later')
    .option('--justify <indicator=why>', 'why a valore programmato gets worse, or an indicator goes (the (&) rule); repeat per indicator', collectJustification);
}

function describeEdition(edition: EditionListing): string {
  const dates = [
    edition.inForceFrom ? `in force from ${edition.inForceFrom}` : null,
    edition.act ? `act: ${edition.act}` : null,
    edition.closedAt ? `${edition.status} on ${edition.closedAt.slice(0, 10)}${edition.closeReason ? ` (${edition.closeReason})` : ''}` : null,
  ].filter((part) => part !== null);
  return `${edition.serviceSlug.padEnd(28)} ${edition.key.padEnd(10)} ${edition.status.padEnd(10)} ${String(edition.indicatorCount).padStart(3)} indicators${dates.length > 0 ? ` · ${dates.join(' · ')}` : ''}`;
}

/** A diff as a person reads it, one line per change. */
export function formatComparison(comparison: EditionComparison): string[] {
  const { diff } = comparison;
  const lines = [`${comparison.service}: ${comparison.from} → ${comparison.to}`];
  const justification = new Map(comparison.justifications.map((j) => [j.uid, j.text]));
  const why = (uid: string) => (justification.has(uid) ? `\n      justified: ${justification.get(uid) ?? ''}` : '');
  for (const indicator of diff.added) lines.push(`  + added     ${indicator.slug}: ${indicator.target.text}`);
  for (const indicator of diff.removed) lines.push(`  - removed   ${indicator.slug}: ${indicator.target.text}${why(indicator.uid)}`);
  for (const change of diff.changed) {
    if (change.target !== 'same') lines.push(`  ~ ${change.target.padEnd(9)} ${change.slug}: "${change.before.target.text}" → "${change.after.target.text}"${why(change.uid)}`);
    for (const field of change.reworded) lines.push(`  ~ reworded  ${change.slug} ${field.field}: "${field.before ?? ''}" → "${field.after ?? ''}"`);
  }
  lines.push(`  ${diff.added.length} added, ${diff.removed.length} removed, ${diff.changed.length} changed, ${diff.unchanged} unchanged`);
  return lines;
}

/**
 * `misura editions list|approve|publish|withdraw|new|diff`: the lifecycle of a card's yearly editions
 * (draft → approved → published, then superseded or withdrawn). Every change is audited as "cli:<user>".
 */
export function registerEditionsCommand(program: Command, io: CliIo, _setExit: (code: number) => void, open: OpenEventsContext = openEventsContext): void {
  const actor = (): Actor => ({ kind: 'cli', name: cliUserName(io.env) });
  const editions = program.command('editions').description("Yearly editions of the services' cards: list, approve, publish, withdraw, start a new year, compare.");

  editions
    .command('list')
    .description('Every edition with its state, act and dates.')
    .option('--service <service>', 'only this service (slug or name)')
    .option('--json', 'print JSON')
    .action(async (options: { service?: string; json?: boolean }) => {
      const listed = await withContext(open, io, (actions) => actions.listEditions(options.service === undefined ? {} : { service: options.service }));
      if (options.json) io.out(JSON.stringify({ editions: listed }, null, 2));
      else if (listed.length === 0) io.out('No editions: import a card first (misura import FILE).');
      else for (const edition of listed) io.out(describeEdition(edition));
    });

  withApprovalOptions(
    editions
      .command('approve <service> <edition>')
      .description('Approve a draft with the act that adopted it; refused, naming each indicator, when a valore programmato gets worse without a justification.'),
  ).action(async (service: string, edition: string, options: ApprovalOptions) => {
    const input = approvalInputOf(options);
    const approved = await withContext(open, io, (actions) => actions.approveEdition(actor(), { service, edition, ...input }));
    io.out(`Approved: ${describeEdition(approved)}`);
    for (const justification of approved.justifications) io.out(`  justified ${justification.kind} ${justification.slug}: ${justification.text}`);
    io.out(`Next: misura editions publish ${approved.serviceSlug} ${approved.key}`);
  });

  editions
    .command('publish <service> <edition>')
    .description('Publish an approved edition: it comes into force on the public site (an earlier revision of the same year is superseded).')
    .action(async (service: string, edition: string) => {
      const published = await withContext(open, io, (actions) => actions.publishEdition(actor(), { service, edition }));
      io.out(`Published: ${describeEdition(published)}`);
    });

  editions
    .command('withdraw <service> <edition>')
    .description('Take back an approved or published edition; it stays listed as withdrawn.')
    .requiredOption('--reason <reason>', 'why it is withdrawn (published with it)')
    .action(async (service: string, edition: string, options: { reason: string }) => {
      const withdrawn = await withContext(open, io, (actions) => actions.withdrawEdition(actor(), { service, edition, reason: options.reason }));
      io.out(`Withdrawn: ${describeEdition(withdrawn)}`);
    });

  editions
    .command('new <service> <year>')
    .description("Start a year's edition as a draft copy of the latest one, with its measures.")
    .action(async (service: string, yearText: string) => {
      const year = Number(yearText);
      if (!/^\d{4}$/.test(yearText)) throw new UserError(`"${yearText}" is not a year`, { field: 'year' });
      const started = await withContext(open, io, (actions) => actions.startEdition(actor(), { service, year }));
      io.out(`Draft started: ${describeEdition(started)}; ${started.measuresCopied} measures copied.`);
      io.out(`Edit it by importing its new text (misura import FILE), then: misura editions approve ${started.serviceSlug} ${started.key} --act "…"`);
    });

  editions
    .command('diff <service> <from> <to>')
    .description('Compare two editions: indicators added, removed, reworded, targets tightened or loosened, with the justifications.')
    .option('--json', 'print JSON')
    .action(async (service: string, from: string, to: string, options: { json?: boolean }) => {
      const comparison = await withContext(open, io, (actions) => actions.compareEditions({ service, from, to }));
      if (options.json) io.out(JSON.stringify(comparison, null, 2));
      else for (const line of formatComparison(comparison)) io.out(line);
    });
}
