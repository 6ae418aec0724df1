import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Command, CommanderError } from 'commander';
import { UserError } from '../domain/shared/errors.ts';
import { processIo, type CliIo } from './cli-io.ts';
import { registerAlertsCommand } from './alerts.command.ts';
import { registerAuditCommand } from './audit.command.ts';
import { registerBackupCommand } from './backup.command.ts';
import { registerCardsCommand } from './cards.command.ts';
import { registerDemoCommand } from './demo.command.ts';
import { registerDiffideCommand } from './diffide.command.ts';
import { registerDoctorCommand } from './doctor.command.ts';
import { registerCostsCommand } from './costs.command.ts';
import { registerEditionsCommand } from './editions.command.ts';
import { registerExportCommand } from './export.command.ts';
import { registerImportCommand } from './import.command.ts';
import { registerLintCommand } from './lint.command.ts';
import { registerIngestCommand } from './ingest.command.ts';
import { registerMeasuresCommand } from './measures.command.ts';
import { registerProbesCommand } from './probes.command.ts';
import { registerReportCommand } from './report.command.ts';
import { registerRestoreCommand } from './restore.command.ts';
import { registerServeCommand } from './serve.command.ts';
import { registerSourcesCommand } from './sources.command.ts';
import { registerTargetsCommand } from './targets.command.ts';
import { registerTokensCommand } from './tokens.command.ts';
import { registerUsersCommand } from './users.command.ts';
import { registerClassActionCommand } from './class-action.command.ts';

/** Exit codes: 0 ok, 1 findings or failed checks (lint errors), 2 bad input or usage. */
export const EXIT_USAGE = 2;

/** Builds the `misura` program; every command calls actions through the context it opens. */
export function buildProgram(io: CliIo, setExit: (code: number) => void): Command {
  const program = new Command('misura')
    .description('Declare, measure and publish the quality standards of public services (CIVIT 88/2010, 3/2012).')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out(s), writeErr: (s) => io.err(s) });
  registerImportCommand(program, io, setExit);
  registerCardsCommand(program, io, setExit);
  registerLintCommand(program, io, setExit);
  registerDemoCommand(program, io, setExit);
  registerIngestCommand(program, io, setExit);
  registerMeasuresCommand(program, io, setExit);
  registerReportCommand(program, io, setExit);
  registerSourcesCommand(program, io, setExit);
  registerServeCommand(program, io, setExit);
  registerTokensCommand(program, io, setExit);
  registerTargetsCommand(program, io, setExit);
  registerBackupCommand(program, io, setExit);
  registerRestoreCommand(program, io, setExit);
  registerAuditCommand(program, io, setExit);
  registerExportCommand(program, io, setExit);
  registerUsersCommand(program, io, setExit);
  registerEditionsCommand(program, io, setExit);
  registerProbesCommand(program, io, setExit);
  registerAlertsCommand(program, io, setExit);
  registerDiffideCommand(program, io, setExit);
  registerDoctorCommand(program, io, setExit);
  registerCostsCommand(program, io, setExit);
  registerClassActionCommand(program, io, setExit);
  for (const command of program.commands) {
    command.exitOverride().configureOutput({ writeOut: (s) => io.out(s), writeErr: (s) => io.err(s) }).showHelpAfterError('(run with --help for usage)');
  }
  return program;
}

/** Runs the CLI with process-style argv ([node, script, ...args]); resolves to the exit code. */
export async function runCli(argv: string[], io: CliIo = processIo): Promise<number> {
  let exitCode = 0;
  const program = buildProgram(io, (code) => (exitCode = Math.max(exitCode, code)));
  if (argv.length <= 2) {
    io.out(program.helpInformation());
    return 0;
  }
  try {
    await program.parseAsync(argv);
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? 0 : EXIT_USAGE;
    }
    if (error instanceof UserError) {
      io.err(`misura: ${error.message}`);
      return EXIT_USAGE;
    }
    io.err(`misura: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return 1;
  }
}

const isEntry = process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href;
if (isEntry) {
  process.exitCode = await runCli(process.argv);
}
