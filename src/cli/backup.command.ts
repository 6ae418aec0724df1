import type { Command } from 'commander';
import type { CliIo } from './cli-io.ts';
import { loadOperationsContext, type OpenOperationsContext } from './operations-context.ts';

/** `misura backup --out FILE`: a consistent copy of the database, taken while it serves, with its manifest. */
export function registerBackupCommand(program: Command, io: CliIo, _setExit: (code: number) => void, open: OpenOperationsContext = loadOperationsContext): void {
  program
    .command('backup')
    .description(
      'Copy the database (MISURA_DB_URL) to FILE while it keeps serving: SQLite with its online backup, PostgreSQL with pg_dump (custom format). ' +
        'FILE.json beside it records the schema version and the SHA-256 that `misura restore` checks.',
    )
    .requiredOption('--out <file>', 'the backup file to write (replaced if it exists); its manifest goes to <file>.json')
    .action(async (options: { out: string }) => {
      const context = await open(io.env);
      const { database, file, manifestFile, manifest } = await context.actions.backupDatabase({ out: options.out });
      io.out(`misura: backed up ${database} (schema version ${manifest.schemaVersion}) to ${file}: ${manifest.bytes} bytes, sha256 ${manifest.sha256}; manifest ${manifestFile}`);
    });
}
