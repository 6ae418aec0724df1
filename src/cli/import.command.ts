import type { Command } from 'commander';
import type { CliIo } from './cli-io.ts';
import { parseYearOption, readCardFileSet } from './card-files.ts';
import { UserError } from '../domain/shared/errors.ts';
import { approvalInputOf, withApprovalOptions, type ApprovalOptions } from './editions.command.ts';
import { cardsAsJson } from './cards-json.ts';
import { formatFinding } from './finding-format.ts';
import { cliUserName } from './password-input.ts';

interface ImportOptions extends ApprovalOptions {
  year?: string;
  dryRun?: boolean;
  json?: boolean;
  force?: boolean;
  publish?: boolean;
}

/**
 * `misura import <files…>`: reads card files and stores them as draft editions, all or nothing; `--dry-run` only
 * reads them; `--publish --act "…"` approves and publishes them at once (scripts, the demo).
 */
export function registerImportCommand(program: Command, io: CliIo, setExit: (code: number) => void): void {
  const command = program
    .command('import')
    .description(
      'Import standard cards: DOCX, ODT, XLSX/ODS (a card per sheet), PDF with a text layer, HTML, Markdown, CSV and tab-separated text, the format found from the content. Prints what was imported and every doubtful cell.',
    )
    .argument('<files...>', 'card files')
    .option('--year <year>', 'the year of cards that state none')
    .option('--dry-run', 'read and check the files, write nothing (no database is opened)')
    .option('--json', 'with --dry-run: print {"cards":[…as "misura cards --json"…],"findings":[…],"doubts":[…]} (a contract other tools rely on)')
    .option('--force', 'import a document that does not look like a standard card (a performance plan, a budget), with a warning')
    .option('--publish', 'approve and publish each card at once (needs --act; the (&) check applies)');
  withApprovalOptions(command).action(async (files: string[], options: ImportOptions) => {
      const year = parseYearOption(options.year);
      const readOptions = { ...(year !== undefined ? { year } : {}), ...(options.force ? { force: true } : {}) };
      if (options.dryRun) {
        const read = await readCardFileSet(files, { ...readOptions, keepGoing: true });
        // Loaded here: a dry run needs no database, only the listing shape.
        const { previewImport } = await import('../actions/preview-import.action.ts');
        const preview = previewImport(read);
        if (options.json) io.out(JSON.stringify({ ...preview, cards: cardsAsJson(preview.cards) }, null, 2));
        else {
          for (const card of preview.cards) io.out(`would import ${card.service} — ${card.year ?? 'undated'} — ${card.indicators.length} indicators`);
          for (const finding of [...preview.findings, ...preview.doubts]) io.out(`  ${formatFinding(finding)}`);
          io.out(`${preview.cards.length} cards, nothing written (dry run)`);
        }
        // A file that could not be read is bad input, as without --dry-run.
        if (read.failed.length > 0) setExit(2);
        return;
      }
      if (options.json) io.err('misura: --json goes with --dry-run; importing and printing the usual summary');
      if (!options.publish && (options.act !== undefined || options.justify !== undefined)) throw new UserError('--act and --justify go with --publish (or with misura editions approve)', { field: 'publish' });
      const publish = options.publish ? approvalInputOf(options) : undefined;
      const read = await readCardFileSet(files, readOptions);
      const { openContext } = await import('../context.ts');
      const context = await openContext(io.env);
      try {
        const actor = { kind: 'cli' as const, name: cliUserName(io.env) };
        const summary = await context.actions.importCards(read.cards, { actor, ...(publish !== undefined ? { publish } : {}) });
        for (const finding of read.findings) io.out(formatFinding(finding));
        for (const card of summary.cards) {
          io.out(`${card.status.padEnd(9)} ${card.serviceName} — ${card.edition} (${card.editionStatus}) — ${card.indicatorCount} indicators${card.measuresCopied > 0 ? `, ${card.measuresCopied} measures carried over` : ''}`);
          for (const doubt of card.doubts) io.out(`  ${formatFinding(doubt)}`);
          for (const unsure of card.unsure) {
            io.out(`  doubt: indicator "${unsure.slug}" looks like "${unsure.candidate}" of the edition before (similarity ${unsure.similarity}) but was kept apart as a new indicator`);
          }
        }
        const total = summary.cards.reduce((n, c) => n + c.indicatorCount, 0);
        io.out(`${summary.cards.length} cards, ${total} indicators in ${context.config.databaseUrl.startsWith('postgres') ? 'PostgreSQL' : context.config.databaseUrl}`);
        const drafts = summary.cards.filter((card) => card.editionStatus === 'draft');
        if (drafts.length > 0) {
          io.out('Drafts are not public. Check them (misura cards, misura editions diff), then for each:');
          for (const card of drafts) io.out(`  misura editions approve ${card.serviceSlug} ${card.edition} --act "…" && misura editions publish ${card.serviceSlug} ${card.edition}`);
        }
      } finally {
        await context.close();
      }
    });
}
