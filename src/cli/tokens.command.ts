import type { Command } from 'commander';
import { UserError } from '../domain/shared/errors.ts';
import type { CliIo } from './cli-io.ts';
import { cliUserName } from './password-input.ts';
import { openEventsContext, withContext, type OpenEventsContext } from './events-context.ts';

/** How the tokens commands open the application context (tests pass their own). */
export type OpenTokensContext = OpenEventsContext;

/** A token id as typed: a positive whole number, or a UserError. */
export function parseTokenId(text: string): number {
  if (!/^[1-9][0-9]{0,14}$/.test(text.trim())) throw new UserError(`"${text}" is not a token id: give the number \`misura tokens list\` shows`, { field: 'id' });
  return Number(text.trim());
}

/**
 * `misura tokens create <source> [--label]`, `misura tokens list`, `misura tokens revoke <id>`: the bearer tokens with
 * which a source sends events to POST /api/v1/events. A token is printed once, when made; only its hash is stored.
 */
export function registerTokensCommand(program: Command, io: CliIo, _setExit: (code: number) => void, open: OpenTokensContext = openEventsContext): void {
  const tokens = program.command('tokens').description('Manage the API tokens with which sources send events over HTTP (POST /api/v1/events).');

  tokens
    .command('create <source>')
    .description('Make a token for a source; it is printed ONCE, keep it (only its SHA-256 is stored).')
    .option('--label <text>', 'what the token is for, shown by `misura tokens list`')
    .option('--json', 'print {"id", "source", "label", "createdAt", "token"} as JSON')
    .action(async (source: string, options: { label?: string; json?: boolean }) => {
      const created = await withContext(open, io, (actions) => actions.createApiToken({ source, label: options.label ?? null, actor: { kind: 'cli', name: cliUserName(io.env) } }));
      if (options.json) {
        io.out(JSON.stringify(created, null, 2));
        return;
      }
      io.out(`Token ${created.id} for source "${created.source}"${created.label === null ? '' : ` (${created.label})`}:`);
      io.out('');
      io.out(`  ${created.token}`);
      io.out('');
      io.out('Keep it now: it is shown only this once. Send events with');
      io.out(`  curl -H "Authorization: Bearer ${created.token}" -H "Content-Type: application/x-ndjson" --data-binary @events.ndjson https://<site>/api/v1/events`);
    });

  tokens
    .command('list')
    .description('List the tokens (never the tokens themselves): id, source, label, when made, last used, revoked.')
    .option('--json', 'print {"tokens":[…]} as JSON')
    .action(async (options: { json?: boolean }) => {
      const list = await withContext(open, io, (actions) => actions.listApiTokens());
      if (options.json) {
        io.out(JSON.stringify({ tokens: list }, null, 2));
        return;
      }
      if (list.length === 0) {
        io.out('No tokens yet: make one with `misura tokens create <source> --label <what for>`.');
        return;
      }
      const rows = list.map((t) => [String(t.id), t.source, t.label ?? '—', t.createdAt, t.lastUsedAt ?? 'never', t.revokedAt === null ? 'active' : `revoked ${t.revokedAt}`]);
      const header = ['id', 'source', 'label', 'created', 'last used', 'status'];
      const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
      for (const row of [header, ...rows]) io.out(row.map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column]!))).join('  '));
    });

  tokens
    .command('revoke <id>')
    .description('Revoke a token: from now on its requests get 401.')
    .action(async (idText: string) => {
      const id = parseTokenId(idText);
      const result = await withContext(open, io, (actions) => actions.revokeApiToken(id, { kind: 'cli', name: cliUserName(io.env) }));
      io.out(result.alreadyRevoked ? `Token ${id} was already revoked.` : `Token ${id} revoked: its requests get 401 from now on.`);
    });
}
