import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import type { ClassActionListing } from '../actions/class-action.action.ts';
import { CORRECTABLE_FIELDS } from '../domain/class-actions/class-action.ts';
import { UserError } from '../domain/shared/errors.ts';
import type { CliIo } from './cli-io.ts';
import { cliUserName } from './password-input.ts';
import { openEventsContext, withContext, type OpenEventsContext } from './events-context.ts';

/** Each form field's option, so a refusal names what the person typed on the command line. */
const OPTION_OF: Record<string, string> = {
  service: '--service',
  court: '--court',
  caseNumber: '--case-number',
  filedOn: '--filed',
  subject: '--subject',
  status: '--status',
  caseId: '<id>',
  kind: '--kind',
  publishedOn: '--date',
  text: '--text',
  documentUrl: '--url',
};

/** Runs an action, rewording a form refusal with the options' names ("--filed: …" rather than field "filedOn"). */
async function withOptionNames<T>(work: () => Promise<T>, names: Record<string, string> = OPTION_OF): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof UserError && 'errors' in error && Array.isArray(error.errors)) {
      const errors = error.errors as { field: string; message: string }[];
      throw new UserError(errors.map((e) => e.message.replace(`field "${e.field}"`, names[e.field] ?? e.field)).join('; '));
    }
    throw error;
  }
}

function printList(io: CliIo, listing: ClassActionListing): void {
  if (listing.cases.length === 0) {
    io.out('No ricorso per l’efficienza recorded.');
    return;
  }
  for (const c of listing.cases) {
    io.out(`${c.id}  ${c.filedOn}  ${c.status}  ${c.court}${c.caseNumber === null ? '' : ` ${c.caseNumber}`}${c.serviceSlug === null ? '' : `  [${c.serviceSlug}]`}  ${c.subject}`);
    for (const p of c.publications) io.out(`    #${p.id}  ${p.publishedOn}  ${p.kind}${p.documentUrl === null ? '' : `  ${p.documentUrl}`}`);
  }
}

/**
 * `misura class-action add|correct|publish|status|withdraw|list`: the ricorsi per l'efficienza (d.lgs. 198/2009) and what is published of each
 * on the public Class action page: the notice, the sentence, the measures taken to comply. Audited as the back office's forms.
 */
export function registerClassActionCommand(program: Command, io: CliIo, _setExit: (code: number) => void, open: OpenEventsContext = openEventsContext): void {
  const command = program.command('class-action').description('Ricorsi per l’efficienza (d.lgs. 198/2009) and their publications on the public Class action page.');
  const actor = () => ({ kind: 'cli' as const, name: cliUserName(io.env) });

  command
    .command('add')
    .description('Record a ricorso; prints its id (for `publish`). Published texts must hold no personal data.')
    .requiredOption('--court <court>', 'the court, e.g. "TAR Lazio"')
    .requiredOption('--filed <date>', 'the day it was filed, YYYY-MM-DD')
    .requiredOption('--subject <text>', 'what it is about, in a sentence')
    .option('--service <slug>', 'the service it concerns')
    .option('--case-number <number>', 'the court\'s number (RG), e.g. "RG 1234/2026"')
    .option('--status <status>', 'notified, decided, complied or closed', 'notified')
    .action(async (options: { court: string; filed: string; subject: string; service?: string; caseNumber?: string; status: string }) => {
      const input = { service: options.service ?? '', court: options.court, caseNumber: options.caseNumber ?? '', filedOn: options.filed, subject: options.subject, status: options.status };
      const recorded = await withContext(open, io, (actions) => withOptionNames(() => actions.recordClassActionCase(actor(), input)));
      io.out(`Recorded ricorso ${recorded.id} (${recorded.court}, filed ${recorded.filedOn}): it is on the public Class action page.`);
    });

  command
    .command('correct <id>')
    .description('Correct the details of ricorso <id> (a typo in the court or the number): only the options given change, "" empties an optional one. Its status and publications stay.')
    .option('--court <court>', 'the court, e.g. "TAR Lazio"')
    .option('--filed <date>', 'the day it was filed, YYYY-MM-DD')
    .option('--subject <text>', 'what it is about, in a sentence')
    .option('--service <slug>', 'the service it concerns ("" for none)')
    .option('--case-number <number>', 'the court\'s number (RG), e.g. "RG 1234/2026" ("" for none)')
    .action(async (id: string, options: { court?: string; filed?: string; subject?: string; service?: string; caseNumber?: string }) => {
      if (Object.values(options).every((value) => value === undefined)) throw new UserError('say what to correct: --court, --case-number, --filed, --subject or --service');
      const outcome = await withContext(open, io, async (actions) => {
        // The fields not given keep their recorded value; an unknown id is left to the action to refuse.
        const before = (await actions.listClassActions()).cases.find((c) => String(c.id) === id.trim());
        const input = {
          caseId: id,
          service: options.service ?? before?.serviceSlug ?? '',
          court: options.court ?? before?.court ?? '',
          caseNumber: options.caseNumber ?? before?.caseNumber ?? '',
          filedOn: options.filed ?? before?.filedOn ?? '',
          subject: options.subject ?? before?.subject ?? '',
        };
        const after = await withOptionNames(() => actions.correctClassActionCase(actor(), input));
        return { before, after };
      });
      const { before, after } = outcome;
      io.out(
        before !== undefined && CORRECTABLE_FIELDS.every((field) => before[field] === after[field])
          ? `Ricorso ${after.id} already reads so: nothing changed.`
          : `Corrected ricorso ${after.id} (${after.court}${after.caseNumber === null ? '' : ` ${after.caseNumber}`}, filed ${after.filedOn}): the public Class action page shows it.`,
      );
    });

  command
    .command('publish <id>')
    .description('Add a publication to ricorso <id>: the notice (notice), the sentence (sentence) or the measures taken to comply (measures).')
    .requiredOption('--kind <kind>', 'notice, sentence or measures')
    .requiredOption('--date <date>', 'the day of publication or of the sentence, YYYY-MM-DD')
    .option('--text <text>', 'the text to publish')
    .option('--text-file <file>', 'read the text to publish from this UTF-8 file')
    .option('--url <url>', 'an https:// link to the document')
    .action(async (id: string, options: { kind: string; date: string; text?: string; textFile?: string; url?: string }) => {
      if ((options.text === undefined) === (options.textFile === undefined)) throw new UserError('give the text with either --text or --text-file, not both');
      let text = options.text ?? '';
      if (options.textFile !== undefined) {
        try {
          text = await readFile(options.textFile, 'utf8');
        } catch (error) {
          throw new UserError(`cannot read the text: ${(error as Error).message}`, { file: options.textFile });
        }
      }
      const input = { caseId: id, kind: options.kind, publishedOn: options.date, text, documentUrl: options.url ?? '' };
      const updated = await withContext(open, io, (actions) => withOptionNames(() => actions.addClassActionPublication(actor(), input)));
      io.out(`Published the ${options.kind} of ricorso ${updated.id}; its status is now ${updated.status}.`);
    });

  command
    .command('status <id> <status>')
    .description('Set the status of ricorso <id> by hand: notified, decided, complied or closed (publications move it on their own).')
    .action(async (id: string, status: string) => {
      const updated = await withContext(open, io, (actions) => withOptionNames(() => actions.setClassActionStatus(actor(), { caseId: id, status }), { ...OPTION_OF, status: '<status>' }));
      io.out(`Ricorso ${updated.id} is now ${updated.status}.`);
    });

  command
    .command('withdraw <publication>')
    .description('Take publication <publication> (its #number in `class-action list`) off the public page: a wrong text or document, or personal data that slipped through. The status of its ricorso does not change.')
    .requiredOption('--reason <text>', 'why it is withdrawn (kept in the audit log)')
    .action(async (publication: string, options: { reason: string }) => {
      const updated = await withContext(open, io, (actions) =>
        withOptionNames(() => actions.withdrawClassActionPublication(actor(), { publicationId: publication, reason: options.reason }), { publicationId: '<publication>', reason: '--reason' }),
      );
      io.out(`Withdrew publication #${publication} of ricorso ${updated.id}: it is no longer on the public page; the ricorso stays ${updated.status}.`);
    });

  command
    .command('list')
    .description('List the ricorsi with their publications, newest first.')
    .option('--json', 'print {"cases":[…],"lastChangeAt":…} as JSON')
    .action(async (options: { json?: boolean }) => {
      const listing = await withContext(open, io, (actions) => actions.listClassActions());
      if (options.json) io.out(JSON.stringify(listing, null, 2));
      else printList(io, listing);
    });
}
