import type { AppContext } from '../context.ts';
import type { CliIo } from './cli-io.ts';

/** What a command (ingest, measures, report, sources, tokens, users, audit…) uses of the application context. */
export type EventsContext = Pick<AppContext, 'actions' | 'close'>;

/** How a command opens its context; tests pass their own. */
export type OpenEventsContext = (env: Record<string, string | undefined>) => Promise<EventsContext>;

/** The real composition root, loaded when a command runs (not when `misura --help` only lists it). */
export const openEventsContext: OpenEventsContext = async (env) => (await import('../context.ts')).openContext(env);

/** Opens the context, runs `work` with its actions and closes it, whatever happens: one command's whole life. */
export async function withContext<T>(open: OpenEventsContext, io: CliIo, work: (actions: EventsContext['actions']) => Promise<T>): Promise<T> {
  const context = await open(io.env);
  try {
    return await work(context.actions);
  } finally {
    await context.close();
  }
}
