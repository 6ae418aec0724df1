import type { Command } from 'commander';
import { describeChannel, describeCondition } from '../domain/alerts/alert-rule.ts';
import { UserError } from '../domain/shared/errors.ts';
import type { CliIo } from './cli-io.ts';
import { cliUserName } from './password-input.ts';
import { openEventsContext, withContext, type OpenEventsContext } from './events-context.ts';

/** "2h", "30m", "1d" as milliseconds, or a UserError naming --for. */
export function parseSilenceLength(text: string): number {
  const match = /^(\d{1,4})\s*(m|h|d)$/.exec(text.trim());
  if (match === null) throw new UserError(`"${text}" is not a length such as 30m, 2h or 1d`, { field: 'for' });
  return Number(match[1]) * { m: 60_000, h: 3_600_000, d: 86_400_000 }[match[2] as 'm' | 'h' | 'd'];
}

/**
 * `misura alerts add|list|remove|silence|test|history`: rules that watch probes, feeds and standards and post to a
 * webhook (signed with HMAC-SHA256) when a subject starts or stops meeting them. `misura serve` evaluates them every
 * minute and retries failed deliveries with back-off.
 */
export function registerAlertsCommand(program: Command, io: CliIo, _setExit: (code: number) => void, open: OpenEventsContext = openEventsContext): void {
  const alerts = program.command('alerts').description('Alert rules: tell a webhook when a probe is down, a feed is silent, or a standard is at risk, missed or burning its error budget.');
  const actor = () => ({ kind: 'cli' as const, name: cliUserName(io.env) });

  alerts
    .command('add <name>')
    .description('Add a rule. --when: probe-down:<probe|*>[:checks], feed-silent:<source|*>:<minutes>, standard:<service|*>, burn-rate:<service|*>.')
    .requiredOption('--when <condition>', 'what to watch, e.g. probe-down:portale:3 or burn-rate:*')
    .option('--webhook <url>', 'where to POST the alert (JSON, signed)')
    .option('--secret <text>', 'the HMAC-SHA256 key the receiver checks x-misura-signature with (at least 16 characters; default: MISURA_ALERT_SECRET)')
    .option('--email <address>', 'where to e-mail the alert instead (through MISURA_SMTP_*)')
    .action(async (name: string, options: { when: string; webhook?: string; secret?: string; email?: string }) => {
      if ((options.webhook === undefined) === (options.email === undefined)) throw new UserError('give either --webhook <url> or --email <address>');
      const channel = options.email !== undefined ? { email: options.email } : { webhook: options.webhook ?? '', secret: options.secret ?? io.env.MISURA_ALERT_SECRET ?? '' };
      const rule = await withContext(open, io, (actions) => actions.addAlertRule({ name, when: options.when, ...channel }, actor()));
      io.out(`Alert rule "${rule.name}" added: ${describeCondition(rule.condition)} → ${describeChannel(rule.channel)}`);
    });

  alerts
    .command('list')
    .description('Every rule.')
    .option('--json', 'print {"rules":[…]} as JSON (without the secrets)')
    .action(async (options: { json?: boolean }) => {
      const rules = await withContext(open, io, (actions) => actions.listAlertRules());
      if (options.json) {
        io.out(JSON.stringify({ rules: rules.map((rule) => ({ ...rule, channel: rule.channel.kind === 'webhook' ? { kind: 'webhook', url: rule.channel.url } : rule.channel })) }, null, 2));
        return;
      }
      if (rules.length === 0) io.out('No alert rules yet: add one with `misura alerts add <name> --when … --webhook …`.');
      for (const rule of rules) {
        io.out(`${rule.name}: ${describeCondition(rule.condition)} → ${describeChannel(rule.channel)}${rule.silencedUntil === null ? '' : ` (silenced until ${rule.silencedUntil})`}`);
      }
    });

  alerts
    .command('remove <name>')
    .description('Remove a rule (its history stays).')
    .action(async (name: string) => {
      await withContext(open, io, (actions) => actions.removeAlertRule(name, actor()));
      io.out(`Alert rule "${name}" removed.`);
    });

  alerts
    .command('silence <name>')
    .description('Record changes without sending them, for a while (--for 2h) or until --end.')
    .option('--for <length>', 'how long: 30m, 2h, 1d')
    .option('--end', 'end the silence now')
    .action(async (name: string, options: { for?: string; end?: boolean }) => {
      if ((options.for === undefined) === (options.end !== true)) throw new UserError('give either --for <length> or --end');
      const until = options.end === true ? null : new Date(Date.now() + parseSilenceLength(options.for ?? ''));
      await withContext(open, io, (actions) => actions.silenceAlertRule(name, until, actor()));
      io.out(until === null ? `Alert rule "${name}" sends again.` : `Alert rule "${name}" silenced until ${until.toISOString()}.`);
    });

  alerts
    .command('test <name>')
    .description("Send a test alert on the rule's webhook now, and say whether the receiver took it.")
    .action(async (name: string) => {
      const { runAlertRound } = await import('../jobs/alert-scheduler.ts');
      const outcome = await withContext(open, io, async (actions) => {
        const id = await actions.queueTestAlert(name);
        await runAlertRound(actions);
        return (await actions.listAlertHistory(50)).find((notification) => notification.id === id);
      });
      if (outcome?.outcome === 'sent') io.out(`Test alert ${outcome.id} delivered.`);
      else throw new UserError(`the test alert was not delivered: ${outcome?.error ?? 'unknown'} (retried by \`misura serve\`; see \`misura alerts history\`)`);
    });

  alerts
    .command('history')
    .description('The alerts recorded, newest first: what changed, when, and whether it was sent.')
    .option('--json', 'print {"alerts":[…]} as JSON')
    .option('--limit <n>', 'how many', '50')
    .action(async (options: { json?: boolean; limit: string }) => {
      const limit = Number(options.limit);
      if (!Number.isInteger(limit) || limit < 1 || limit > 10_000) throw new UserError(`--limit must be a whole number from 1 to 10000, got "${options.limit}"`);
      const history = await withContext(open, io, (actions) => actions.listAlertHistory(limit));
      if (options.json) {
        io.out(JSON.stringify({ alerts: history }, null, 2));
        return;
      }
      if (history.length === 0) io.out('No alerts yet.');
      for (const item of history) io.out(`${item.at} ${item.rule} ${item.change} ${item.subject}: ${item.outcome}${item.error === null ? '' : ` (${item.error})`} — ${item.summary}`);
    });
}
