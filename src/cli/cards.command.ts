import type { Command } from 'commander';
import type { CliIo } from './cli-io.ts';
import { parseYearOption } from './card-files.ts';
import { cardsAsJson } from './cards-json.ts';

/** `misura cards`: the stored cards, for people or (with --json) for other tools. */
export function registerCardsCommand(program: Command, io: CliIo, _setExit: (code: number) => void): void {
  program
    .command('cards')
    .description('List the stored cards and their indicators.')
    .option('--json', 'print {"cards":[…]} as JSON (a contract other tools rely on)')
    .option('--year <year>', 'only cards of this year')
    .option('--service <slug>', 'only this service')
    .action(async (options: { json?: boolean; year?: string; service?: string }) => {
      const year = parseYearOption(options.year);
      const { openContext } = await import('../context.ts');
      const context = await openContext(io.env);
      try {
        // The quality office's view: drafts and past editions too, each with its state.
        const cards = await context.actions.listCards({ statuses: 'all', ...(year !== undefined ? { year } : {}), ...(options.service ? { service: options.service } : {}) });
        if (options.json) {
          io.out(JSON.stringify({ cards: cardsAsJson(cards) }, null, 2));
          return;
        }
        if (cards.length === 0) io.out('No cards yet: import some with `misura import <files…>`.');
        for (const card of cards) {
          io.out(`\n${card.service} — ${card.edition} — ${card.lifecycle.status} (${card.indicators.length} indicators)`);
          for (const i of card.indicators) {
            const what = [i.dimension, i.subdimension].filter(Boolean).join(' › ');
            const t = i.target;
            const parsed = t.measurable ? `${t.comparator ?? '?'} ${t.value ?? '?'} ${t.unit ?? ''}`.trim() : 'not measurable yet';
            io.out(`  ${String(i.position).padStart(2)}. ${what}${i.additional ? ' (*)' : ''}\n      ${i.description ?? i.formula ?? ''}\n      valore programmato: ${t.text} [${parsed}]`);
          }
        }
      } finally {
        await context.close();
      }
    });
}
