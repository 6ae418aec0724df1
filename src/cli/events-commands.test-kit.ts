import { Command, CommanderError } from 'commander';
import { storeKit, T0 } from '../actions/events.test-kit.ts';
import { UserError } from '../domain/shared/errors.ts';
// The CLI tests build the context context.ts will build, so they must open the database themselves.
// eslint-disable-next-line no-restricted-imports
import { openDatabase, type Database } from '../storage/database.ts';
import { createBufferIo, type CliIo } from './cli-io.ts';
import { openContext } from '../context.ts';
import type { OpenEventsContext } from './events-context.ts';

/** Test support for the measurement commands: a context over a SQLite file, and a runner like runCli's. */

type Register = (program: Command, io: CliIo, setExit: (code: number) => void, open: OpenEventsContext) => void;

/** A context opener over the SQLite file at `url`, with the clock at `now`: the real composition root. */
export function openTestContext(url: string, now: Date = T0): OpenEventsContext {
  return () => openContext({ MISURA_DB_URL: url }, () => now);
}

/** Runs one command as runCli would: returns the exit code and what was printed. */
export async function runCommand(register: Register, url: string, args: string[], now: Date = T0): Promise<{ code: number; stdout: string; stderr: string }> {
  const io = createBufferIo();
  let code = 0;
  const program = new Command('misura').exitOverride().configureOutput({ writeOut: (s) => io.out(s), writeErr: (s) => io.err(s) });
  register(program, io, (c) => (code = Math.max(code, c)), openTestContext(url, now));
  const override = (command: Command): void => {
    command.exitOverride().configureOutput({ writeOut: (s) => io.out(s), writeErr: (s) => io.err(s) });
    command.commands.forEach(override);
  };
  program.commands.forEach(override);
  try {
    await program.parseAsync(['node', 'misura', ...args]);
  } catch (error) {
    if (error instanceof CommanderError) code = error.exitCode === 0 ? 0 : 2;
    else if (error instanceof UserError) {
      io.err(`misura: ${error.message}`);
      code = 2;
    } else throw error;
  }
  return { code, stdout: io.stdout.join('\n'), stderr: io.stderr.join('\n') };
}

/** Opens the database at `url`, runs `work` and closes it. */
export async function withDatabase<T>(url: string, work: (database: Database) => Promise<T>): Promise<T> {
  const database = await openDatabase(url);
  try {
    return await work(database);
  } finally {
    await database.close();
  }
}

/** Stores the kit card with its measures in the database at `url`; returns the service slug. */
export function seedKit(url: string, ...args: Parameters<typeof storeKit> extends [unknown, ...infer R] ? R : never): Promise<string> {
  return withDatabase(url, (database) => storeKit(database, ...args));
}
