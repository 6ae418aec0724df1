import { readdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { openContext } from '../context.ts';
import type { CliIo } from './cli-io.ts';
import { readCardFiles } from './card-files.ts';
import { formatFinding } from './finding-format.ts';

/** The seed cards shipped with misura (exact copies of the real ones). */
export const SEED_DIR = fileURLToPath(new URL('../../seeds/', import.meta.url));

/** `misura demo`: imports the seed cards into the configured database and prints them. */
export function registerDemoCommand(program: Command, io: CliIo, _setExit: (code: number) => void): void {
  program
    .command('demo')
    .description('Import the four seed cards into the database (default ./data/misura.db) and print them.')
    .action(async () => {
      const files = (await readdir(SEED_DIR)).filter((f) => f.endsWith('.txt')).sort().map((f) => SEED_DIR + f);
      const cards = await readCardFiles(files);
      const context = await openContext(io.env);
      try {
        const summary = await context.actions.importCards(cards);
        for (const card of summary.cards) {
          io.out(`${card.status.padEnd(9)} ${card.serviceName} — ${card.year ?? 'undated'} — ${card.indicatorCount} indicators`);
          for (const doubt of card.doubts) io.out(`  ${formatFinding(doubt)}`);
        }
        const listed = await context.actions.listCards();
        for (const card of listed) {
          io.out(`\n${card.service} — ${card.year ?? 'undated'}`);
          for (const i of card.indicators) {
            io.out(`  ${String(i.position).padStart(2)}. ${[i.dimension, i.subdimension].filter(Boolean).join(' › ')}: ${i.target.text} (${i.target.comparator ?? 'qualitative'})`);
          }
        }
        const total = listed.reduce((n, c) => n + c.indicators.length, 0);
        io.out(`\n${listed.length} cards, ${total} indicators in ${context.config.databaseUrl}`);
      } finally {
        await context.close();
      }
    });
}
