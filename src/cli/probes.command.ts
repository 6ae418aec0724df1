import type { Command } from 'commander';
import { describeMaintenanceTime, type MaintenanceWindowInput } from '../domain/probes/maintenance-window.ts';
import type { Probe, ProbeInput, ProbeOutcome } from '../domain/probes/probe.ts';
import { UserError } from '../domain/shared/errors.ts';
import type { CliIo } from './cli-io.ts';
import { cliUserName } from './password-input.ts';
import { openEventsContext, withContext, type OpenEventsContext } from './events-context.ts';
import { waitForSignal } from './serve.command.ts';

interface AddOptions {
  kind: string;
  interval?: string;
  timeout?: string;
  retries?: string;
  status?: string;
  keyword?: string;
  keywordAbsent?: string;
  maxResponseMs?: string;
  certMinDays?: string;
}

/** How `misura probes run` waits to be stopped; tests pass their own. */
export interface ProbesRunHooks {
  waitForStop?: () => Promise<void>;
}

/**
 * `misura probes add|list|remove|pause|resume|run`: misura's own checks of portals, ports and names. Each check is an
 * event (kind check.http/check.tcp/check.dns, source "probes", attribute monitor = the probe's name), so an
 * availability measure selects `monitor = <name>` to read it. `misura serve` runs them (MISURA_PROBES=off: it does not).
 */
export function registerProbesCommand(program: Command, io: CliIo, _setExit: (code: number) => void, open: OpenEventsContext = openEventsContext, hooks: ProbesRunHooks = {}): void {
  const probes = program.command('probes').description('Built-in probes: misura checks portals (HTTP), ports (TCP) and names (DNS) and records each check as an event.');
  const actor = () => ({ kind: 'cli' as const, name: cliUserName(io.env) });

  probes
    .command('add <name> <target>')
    .description('Add a probe; its checks are events with monitor=<name> (a measure selects them). Target: a URL (http), host:port (tcp) or a host name (dns).')
    .option('--kind <kind>', 'http, tcp or dns', 'http')
    .option('--interval <seconds>', 'seconds between checks (10–86400)', '60')
    .option('--timeout <seconds>', 'seconds before a check fails (shorter than the interval)', '10')
    .option('--retries <n>', 'further attempts before a check counts as failed (0–5)', '1')
    .option('--status <codes>', 'accepted HTTP status, e.g. 200 or 200-299 (default 200-399)')
    .option('--keyword <text>', 'text the page must contain')
    .option('--keyword-absent <text>', 'text the page must not contain, e.g. "Servizio non disponibile"')
    .option('--max-response-ms <ms>', 'a slower answer fails the check')
    .option('--cert-min-days <days>', 'fail when the TLS certificate expires in fewer days (https)')
    .action(async (name: string, target: string, options: AddOptions) => {
      const input: ProbeInput = { name, target, kind: options.kind };
      for (const key of ['interval', 'timeout', 'retries', 'status', 'keyword', 'keywordAbsent', 'maxResponseMs', 'certMinDays'] as const) {
        const value = options[key];
        if (value !== undefined) input[key] = value;
      }
      const probe = await withContext(open, io, (actions) => actions.addProbe(input, actor()));
      io.out(`Probe "${probe.name}" added: ${probe.kind} ${probe.target} every ${probe.intervalSeconds} s.`);
      io.out(`Its checks are events of kind check.${probe.kind} with monitor=${probe.name}; a measure reads them with`);
      io.out(`  checks: { kind: check.${probe.kind}, where: [{ attribute: monitor, op: '=', value: ${probe.name} }] }`);
    });

  probes
    .command('list')
    .description('Every probe, its last check and the indicators its checks feed.')
    .option('--json', 'print {"probes":[…]} as JSON')
    .action(async (options: { json?: boolean }) => {
      const listed = await withContext(open, io, (actions) => actions.listProbes());
      if (options.json) {
        io.out(JSON.stringify({ probes: listed }, null, 2));
        return;
      }
      if (listed.length === 0) {
        io.out('No probes yet: add one with `misura probes add <name> <url>`.');
        return;
      }
      for (const probe of listed) {
        const last = probe.lastRun === null ? 'not run yet' : `${probe.lastRun.ok ? 'up' : `DOWN (${probe.lastRun.error ?? 'failed'})`} at ${probe.lastRun.slotAt}`;
        io.out(`${probe.name}${probe.paused ? ' (paused)' : ''}: ${probe.kind} ${probe.target} every ${probe.intervalSeconds} s; ${last}`);
        io.out(probe.feeds.length === 0 ? '  feeds no measured indicator yet' : `  feeds ${probe.feeds.join(', ')}`);
      }
    });

  probes
    .command('remove <name>')
    .description('Remove a probe (the checks it recorded stay).')
    .action(async (name: string) => {
      await withContext(open, io, (actions) => actions.removeProbe(name, actor()));
      io.out(`Probe "${name}" removed.`);
    });

  for (const [command, paused] of [['pause', true], ['resume', false]] as const) {
    probes
      .command(`${command} <name>`)
      .description(paused ? 'Stop checking (its days then have no data: a planned pause is not an outage).' : 'Check again.')
      .action(async (name: string) => {
        await withContext(open, io, (actions) => actions.pauseProbe(name, paused, actor()));
        io.out(`Probe "${name}" ${paused ? 'paused' : 'resumed'}.`);
      });
  }

  const maintenance = probes.command('maintenance').description('Planned maintenance: checks inside a window are marked maintenance=true, and a measure may leave them out.');
  maintenance
    .command('add <probe>')
    .description('Plan a window for a probe ("*": every probe): once (--from/--to) or weekly (--weekly sun --at 02:00 --minutes 120).')
    .requiredOption('--reason <text>', 'why: published beside the indicator')
    .option('--from <instant>', 'start, with its offset: 2026-03-08T02:00+01:00')
    .option('--to <instant>', 'end, with its offset')
    .option('--weekly <day>', 'every week on mon … sun (Europe/Rome clock)')
    .option('--at <HH:MM>', 'weekly: local start time')
    .option('--minutes <n>', 'weekly: how long')
    .action(async (probe: string, options: Omit<MaintenanceWindowInput, 'probe'>) => {
      const window = await withContext(open, io, (actions) => actions.addMaintenanceWindow({ ...options, probe }, actor()));
      io.out(`Maintenance window ${window.id} for ${window.probe}: ${describeMaintenanceTime(window)} (${window.reason}).`);
    });
  maintenance
    .command('list')
    .description('Every maintenance window.')
    .option('--json', 'print {"windows":[…]} as JSON')
    .action(async (options: { json?: boolean }) => {
      const windows = await withContext(open, io, (actions) => actions.listMaintenanceWindows());
      if (options.json) {
        io.out(JSON.stringify({ windows }, null, 2));
        return;
      }
      if (windows.length === 0) io.out('No maintenance windows.');
      for (const window of windows) io.out(`${window.id} ${window.probe}: ${describeMaintenanceTime(window)} (${window.reason})`);
    });
  maintenance
    .command('remove <id>')
    .description('Remove a window (checks already recorded keep their mark).')
    .action(async (id: string) => {
      if (!/^[1-9]\d{0,9}$/.test(id)) throw new UserError(`"${id}" is not a window id: give the number \`misura probes maintenance list\` shows`, { field: 'id' });
      await withContext(open, io, (actions) => actions.removeMaintenanceWindow(Number(id), actor()));
      io.out(`Maintenance window ${id} removed.`);
    });

  probes
    .command('run')
    .description('Run the probes in the foreground until stopped (Ctrl+C), as `misura serve` does; --once checks each probe once and exits.')
    .option('--once', "check every active probe's current slot once, then exit")
    .action(async (options: { once?: boolean }) => {
      const { runProbesOnce, startProbeScheduler } = await import('../jobs/probe-scheduler.ts');
      await withContext(open, io, async (actions) => {
        let checked = 0;
        const reporting = {
          onChecked: (probe: Probe, slot: Date, outcome: ProbeOutcome) => {
            checked += 1;
            io.out(`${slot.toISOString()} ${probe.name}: ${outcome.ok ? 'up' : `DOWN (${outcome.error ?? 'failed'})`} in ${Math.round(outcome.latencyMs)} ms`);
          },
          onError: (error: unknown, probeName: string | null) => io.err(`misura: probe ${probeName ?? '(list)'}: ${error instanceof Error ? error.message : String(error)}`),
        };
        if (options.once) {
          await runProbesOnce(actions, reporting);
        } else {
          const scheduler = startProbeScheduler(actions, reporting);
          await (hooks.waitForStop ?? waitForSignal)();
          await scheduler.stop();
        }
        // The checks only queued their days: fold them before the command ends.
        await actions.drainRollupQueue();
        if (options.once) io.out(`${checked} probe${checked === 1 ? '' : 's'} checked.`);
      });
    });

  // Issue 14 item 4: bring Uptime Kuma's monitors over, to switch to misura or run both.
  probes
    .command('import-kuma <file>')
    .description("Add a probe for each monitor of Uptime Kuma's database (kuma.db, read-only) or JSON backup; monitors misura cannot run are skipped with the reason.")
    .option('--dry-run', 'say what would be added and skipped; add nothing')
    .option('--skip-existing', 'leave out monitors whose probe name exists already (otherwise nothing is imported)')
    .option('--json', 'print the result as JSON')
    .action(async (file: string, options: { dryRun?: boolean; skipExisting?: boolean; json?: boolean }) => {
      const result = await withContext(open, io, (actions) => actions.importKumaProbes(file, { dryRun: options.dryRun === true, skipExisting: options.skipExisting === true }, actor()));
      if (options.json) {
        io.out(JSON.stringify(result, null, 2));
        return;
      }
      const verb = result.dryRun ? 'would add' : 'added';
      for (const { probe, monitor, notes } of result.added) {
        io.out(`${verb} ${probe.name}${probe.paused ? ' (paused)' : ''}: ${probe.kind} ${probe.target} every ${probe.intervalSeconds} s (Kuma "${monitor}")`);
        for (const note of notes) io.out(`  note: ${note}`);
      }
      for (const skip of result.skipped) io.out(`skipped "${skip.monitor}" (${skip.type || 'no type'}): ${skip.reason}`);
      const count = (n: number) => `${n} probe${n === 1 ? '' : 's'}`;
      const skipped = `${result.skipped.length} monitor${result.skipped.length === 1 ? '' : 's'} skipped`;
      io.out(result.dryRun ? `Dry run: ${count(result.added.length)} would be added, ${skipped}, from ${result.file}; nothing was written.` : `${count(result.added.length)} added, ${skipped}, from ${result.file}.`);
    });
}
