import type { Command } from 'commander';
import { openContext } from '../context.ts';
import type { CliIo } from './cli-io.ts';
import { parseYearOption, readCardFiles } from './card-files.ts';
import { formatFinding } from './finding-format.ts';

/** `misura import <files…>`: reads card files and stores them, all or nothing. */
export function registerImportCommand(program: Command, io: CliIo, _setExit: (code: number) => void): void {
  program
    .command('import')
    .description('Import standard cards (tab-separated text as PAs write them); prints what was imported and every doubtful cell.')
    .argument('<files...>', 'card files')
    .option('--year <year>', 'the year of cards that state none')
    .action(async (files: string[], options: { year?: string }) => {
      const year = parseYearOption(options.year);
      const cards = await readCardFiles(files, year !== undefined ? { year } : {});
      const context = await openContext(io.env);
      try {
        const summary = await context.actions.importCards(cards);
        for (const card of summary.cards) {
          io.out(`${card.status.padEnd(9)} ${card.serviceName} — ${card.year ?? 'undated'} — ${card.indicatorCount} indicators`);
          for (const doubt of card.doubts) io.out(`  ${formatFinding(doubt)}`);
        }
        const total = summary.cards.reduce((n, c) => n + c.indicatorCount, 0);
        io.out(`${summary.cards.length} cards, ${total} indicators in ${context.config.databaseUrl.startsWith('postgres') ? 'PostgreSQL' : context.config.databaseUrl}`);
      } finally {
        await context.close();
      }
    });
}
