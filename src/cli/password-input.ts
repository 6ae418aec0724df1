import { userInfo } from 'node:os';
import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import { UserError } from '../domain/shared/errors.ts';

/** Where a command reads a password from; tests pass their own. */
export interface PasswordInput {
  /** Asks on the terminal without echoing what is typed. */
  readHidden(prompt: string): Promise<string>;
  /** Everything on standard input (for --password-stdin). */
  readStdin(): Promise<string>;
}

/** Reads one line from the terminal with echo off (the prompt goes to stderr, so stdout stays clean). */
function readHiddenLine(prompt: string): Promise<string> {
  if (!process.stdin.isTTY) {
    return Promise.reject(new UserError('no terminal to ask the password on: give it with --password-stdin'));
  }
  process.stderr.write(prompt);
  const muted = new Writable({ write: (_chunk, _encoding, done) => done() });
  const rl = createInterface({ input: process.stdin, output: muted, terminal: true });
  return new Promise((resolve) => {
    rl.question('', (answer) => {
      rl.close();
      process.stderr.write('\n');
      resolve(answer);
    });
  });
}

async function readAllStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

export const processPasswordInput: PasswordInput = { readHidden: readHiddenLine, readStdin: readAllStdin };

/** A new password: the first line of stdin, or asked twice on the terminal (a mismatch is a UserError). */
export async function readNewPassword(input: PasswordInput, fromStdin: boolean): Promise<string> {
  if (fromStdin) {
    const text = await input.readStdin();
    return text.replace(/\r?\n[\s\S]*$/, '');
  }
  const first = await input.readHidden('New password: ');
  const second = await input.readHidden('Repeat it: ');
  if (first !== second) throw new UserError('the two passwords differ; nothing was changed', { field: 'password' });
  return first;
}

/** The CLI's actor name: the operating-system user running misura. */
export function cliUserName(env: Record<string, string | undefined>): string {
  try {
    return userInfo().username;
  } catch {
    return env.USER ?? env.USERNAME ?? 'unknown';
  }
}
