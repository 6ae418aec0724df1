import type { AppContext } from '../context.ts';

/** What the ingest, measures, report and sources commands use of the application context. */
export type EventsContext = Pick<AppContext, 'actions' | 'close'>;

/** How a command opens its context; tests pass their own. */
export type OpenEventsContext = (env: Record<string, string | undefined>) => Promise<EventsContext>;

/** The real composition root, loaded when a command runs (not when `misura --help` only lists it). */
export const openEventsContext: OpenEventsContext = async (env) => (await import('../context.ts')).openContext(env);
