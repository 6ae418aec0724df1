import type { Command } from 'commander';
import type { CliIo } from './cli-io.ts';

/**
 * `misura targets override …`: the quality office's word on a comparator beats misura's inference. The override is
 * stored and applied again on every re-import of the card.
 */
export function registerTargetsCommand(program: Command, io: CliIo, _setExit: (code: number) => void): void {
  const targets = program.command('targets').description('Targets (valori programmati) of the stored cards.');
  targets
    .command('override')
    .description('Set by hand whether higher or lower is better for one indicator; kept across re-imports.')
    .argument('<service>', 'service slug or name')
    .argument('<edition>', 'edition: a year such as 2021, or "undated"')
    .argument('<indicator>', 'indicator slug (see `misura cards --json`)')
    .requiredOption('--comparator <op>', 'one of ">=", "<=", "="')
    .requiredOption('--reason <text>', 'why: shown next to the target')
    .action(async (service: string, edition: string, indicator: string, options: { comparator: string; reason: string }) => {
      const { openContext } = await import('../context.ts');
      const context = await openContext(io.env);
      try {
        const result = await context.actions.overrideComparator({ service, edition, indicator, comparator: options.comparator, reason: options.reason });
        const t = result.target;
        io.out(`${result.serviceSlug} ${result.edition} ${result.indicatorSlug}: ${t.text} is now ${t.comparator ?? '?'} ${t.value ?? ''} ${t.unit ?? ''} (${t.comparatorReason})`.replace(/\s+\(/, ' ('));
      } finally {
        await context.close();
      }
    });
}
