import type { Command } from 'commander';
import type { StandardCard } from '../domain/cards/card.ts';
import { lintCard } from '../domain/cards/card-lint.ts';
import { lintEditionPair } from '../domain/editions/edition-lint.ts';
import type { Finding } from '../domain/cards/finding.ts';
import type { CliIo } from './cli-io.ts';
import { parseYearOption, readCardFileSet } from './card-files.ts';
import { formatFinding } from './finding-format.ts';

/** Each service's editions among the cards, in year order, checked pairwise by the "(&)" rule. */
function lintEditionsOfEachService(cards: readonly StandardCard[]): Finding[] {
  const byService = new Map<string, StandardCard[]>();
  for (const card of cards) if (card.year !== null) byService.set(card.service.slug, [...(byService.get(card.service.slug) ?? []), card]);
  return [...byService.values()].flatMap((editions) => {
    const ordered = [...editions].sort((a, b) => (a.year ?? 0) - (b.year ?? 0));
    return ordered.slice(1).flatMap((next, index) => {
      const previous = ordered[index];
      return previous === undefined || previous.year === next.year ? [] : lintEditionPair(previous, next);
    });
  });
}

/** `misura lint <files…>`: the importer's doubts and the card rules, without touching the database. */
export function registerLintCommand(program: Command, io: CliIo, setExit: (code: number) => void): void {
  program
    .command('lint')
    .description(
      'Check card files: findings with a code, severity, file and row; exit code 1 when there are errors. Given two editions of a service (two years), also the (&) rule: no valore programmato worse than the year before.',
    )
    .argument('<files...>', 'card files')
    .option('--json', 'print {"findings":[…]} as JSON')
    .option('--year <year>', 'the year of cards that state none')
    .action(async (files: string[], options: { json?: boolean; year?: string }) => {
      const year = parseYearOption(options.year);
      const read = await readCardFileSet(files, year !== undefined ? { year } : {});
      // What the readers found about the files themselves (cut short, sheets skipped) comes first.
      const findings: Finding[] = [...read.findings];
      for (const imported of read.cards) {
        const ruled = lintCard(imported.card);
        // The importer may already have reported what a rule would repeat (e.g. the unknown year).
        const seen = new Set(imported.doubts.map((d) => `${d.code}|${d.line}`));
        findings.push(...imported.doubts, ...ruled.filter((f) => !seen.has(`${f.code}|${f.line}`)));
      }
      findings.push(...lintEditionsOfEachService(read.cards.map((imported) => imported.card)));
      findings.sort((a, b) => a.file.localeCompare(b.file) || (a.line ?? 0) - (b.line ?? 0));
      if (options.json) io.out(JSON.stringify({ findings }, null, 2));
      else {
        for (const finding of findings) io.out(formatFinding(finding));
        const count = (s: string) => findings.filter((f) => f.severity === s).length;
        io.out(`${files.length} files: ${count('error')} errors, ${count('warning')} warnings, ${count('info')} notes`);
      }
      if (findings.some((f) => f.severity === 'error')) setExit(1);
    });
}
