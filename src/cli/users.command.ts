import type { Command } from 'commander';
import type { Actor } from '../domain/accounts/actor.ts';
import { parseRole } from '../domain/accounts/role.ts';
import type { CliIo } from './cli-io.ts';
import { openEventsContext, withContext, type OpenEventsContext } from './events-context.ts';
import { cliUserName, processPasswordInput, readNewPassword, type PasswordInput } from './password-input.ts';


/**
 * `misura users add|passwd|role|disable|list`: the back office's local accounts. Every change is appended to the audit
 * log with the operating-system user as its actor ("cli:<user>"), never with a password or its hash.
 */
export function registerUsersCommand(
  program: Command,
  io: CliIo,
  _setExit: (code: number) => void,
  open: OpenEventsContext = openEventsContext,
  passwords: PasswordInput = processPasswordInput,
): void {
  const actor = (): Actor => ({ kind: 'cli', name: cliUserName(io.env) });
  const users = program.command('users').description('Manage the back-office accounts (roles: admin, quality-office, data-steward, oiv).');

  users
    .command('add <email>')
    .description('Make an account; the password (at least 12 characters) is asked twice on the terminal, or read from stdin.')
    .requiredOption('--role <role>', 'admin, quality-office, data-steward or oiv')
    .option('--password-stdin', 'read the password from the first line of standard input')
    .action(async (email: string, options: { role: string; passwordStdin?: boolean }) => {
      const role = parseRole(options.role);
      const password = await readNewPassword(passwords, options.passwordStdin === true);
      const account = await withContext(open, io, (actions) => actions.addAccount(actor(), { email, role, password }));
      io.out(`Account ${account.email} (${account.role}) created: it signs in at /admin/login.`);
    });

  users
    .command('passwd <email>')
    .description("Set an account's password; its sessions end.")
    .option('--password-stdin', 'read the password from the first line of standard input')
    .action(async (email: string, options: { passwordStdin?: boolean }) => {
      const password = await readNewPassword(passwords, options.passwordStdin === true);
      const account = await withContext(open, io, (actions) => actions.changeAccount(actor(), email, { kind: 'password', password }));
      io.out(`Password of ${account.email} changed; its sessions were ended.`);
    });

  users
    .command('role <email> <role>')
    .description("Change an account's role.")
    .action(async (email: string, roleText: string) => {
      const role = parseRole(roleText);
      const account = await withContext(open, io, (actions) => actions.changeAccount(actor(), email, { kind: 'role', role }));
      io.out(`${account.email} is now ${account.role}.`);
    });

  users
    .command('disable <email>')
    .description('Disable an account and end its sessions (it can no longer sign in).')
    .action(async (email: string) => {
      const account = await withContext(open, io, (actions) => actions.changeAccount(actor(), email, { kind: 'disable' }));
      io.out(`${account.email} is disabled since ${account.disabledAt ?? ''}; its sessions were ended.`);
    });

  users
    .command('list')
    .description('List the accounts: email, role, status, when made.')
    .option('--json', 'print {"accounts":[…]} as JSON')
    .action(async (options: { json?: boolean }) => {
      const list = await withContext(open, io, (actions) => actions.listAccounts());
      if (options.json) {
        io.out(JSON.stringify({ accounts: list }, null, 2));
        return;
      }
      if (list.length === 0) {
        io.out('No accounts yet: make one with `misura users add <email> --role admin`.');
        return;
      }
      const rows = list.map((a) => [a.email, a.role, a.disabledAt === null ? 'active' : `disabled ${a.disabledAt}`, a.createdAt]);
      const header = ['email', 'role', 'status', 'created'];
      const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
      for (const row of [header, ...rows]) io.out(row.map((cell, i) => cell.padEnd(widths[i]!)).join('  ').trimEnd());
    });
}
