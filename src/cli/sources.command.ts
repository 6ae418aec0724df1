import type { Command } from 'commander';
import type { CliIo } from './cli-io.ts';
import { openEventsContext, type OpenEventsContext } from './events-context.ts';

/** `misura sources`: each feed of events, when it last sent one and how long it has been silent. */
export function registerSourcesCommand(program: Command, io: CliIo, _setExit: (code: number) => void, open: OpenEventsContext = openEventsContext): void {
  program
    .command('sources')
    .description('List the sources of events with their last event and how long ago it was, so a silent feed stands out.')
    .option('--json', 'print {"sources":[…]} as JSON')
    .action(async (options: { json?: boolean }) => {
      const context = await open(io.env);
      try {
        const sources = await context.actions.listSources();
        if (options.json) {
          io.out(JSON.stringify({ sources }, null, 2));
          return;
        }
        if (sources.length === 0) {
          io.out('No events yet: send some with `misura ingest <files…>`.');
          return;
        }
        const width = Math.max(6, ...sources.map((s) => s.name.length));
        io.out(`${'source'.padEnd(width)}  ${'last event'.padEnd(24)}  ${'silent for'.padEnd(10)}  events`);
        for (const s of sources) {
          io.out(`${s.name.padEnd(width)}  ${(s.lastEventAt ?? '—').padEnd(24)}  ${silence(s.secondsSinceLastEvent).padEnd(10)}  ${s.eventCount}`);
        }
      } finally {
        await context.close();
      }
    });
}

/** Seconds as the largest two units: "3d 4h", "2h 5m", "45s". */
export function silence(seconds: number | null): string {
  if (seconds === null) return '—';
  const units: [string, number][] = [['d', 86_400], ['h', 3_600], ['m', 60], ['s', 1]];
  const parts: string[] = [];
  let rest = seconds;
  for (const [name, size] of units) {
    const count = Math.floor(rest / size);
    if (count > 0 || parts.length > 0 || name === 's') parts.push(`${count}${name}`);
    rest -= count * size;
    if (parts.length === 2) break;
  }
  return parts.join(' ');
}
