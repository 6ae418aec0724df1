import type { Command } from 'commander';
import type { CliIo } from './cli-io.ts';

/** `misura doctor`: is this environment ready for production? Exit 0 when it is, 1 with every finding otherwise. */
export function registerDoctorCommand(program: Command, io: CliIo, setExit: (code: number) => void): void {
  program
    .command('doctor')
    .description('Check the settings a production install needs (base URL, IPA code, privacy, accessibility, SMTP, database); exit 1 with the list of what is missing or suspicious.')
    .option('--json', 'print {"ready":…,"findings":[{"setting","problem"}]} as JSON')
    .action(async (options: { json?: boolean }) => {
      // Loaded here: the other commands need none of it. Reads the settings only; the database is not opened.
      const { checkReadiness } = await import('../actions/check-readiness.action.ts');
      const report = checkReadiness(io.env);
      if (options.json) io.out(JSON.stringify(report, null, 2));
      else if (report.ready) io.out('misura doctor: ready for production, every setting checked is set.');
      else {
        io.out(`misura doctor: not ready for production, ${report.findings.length} setting${report.findings.length === 1 ? '' : 's'} to fix:`);
        for (const finding of report.findings) io.out(`  ${finding.setting}: ${finding.problem}`);
      }
      if (!report.ready) setExit(1);
    });
}
