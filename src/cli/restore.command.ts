import type { Command } from 'commander';
import type { CliIo } from './cli-io.ts';
import { loadOperationsContext, type OpenOperationsContext } from './operations-context.ts';

/** `misura restore FILE [--force]`: the database replaced by a backup, once the backup and the database pass the checks. */
export function registerRestoreCommand(program: Command, io: CliIo, _setExit: (code: number) => void, open: OpenOperationsContext = loadOperationsContext): void {
  program
    .command('restore')
    .description(
      'Replace the database (MISURA_DB_URL) with a backup of `misura backup`, after checking its SHA-256 and schema version against FILE.json. ' +
        'Refuses while a server or another command uses the database; stop it first.',
    )
    .argument('<file>', 'the backup file (its manifest is <file>.json)')
    .option('--force', 'replace a database that already holds data')
    .action(async (file: string, options: { force?: boolean }) => {
      const context = await open(io.env);
      const { database, manifest } = await context.actions.restoreDatabase({ file, force: options.force === true });
      io.out(`misura: restored ${database} from ${file} (taken ${manifest.createdAt}, schema version ${manifest.schemaVersion})`);
    });
}
