import { openContext, type AppContext } from '../context.ts';

/** What the ingest, measures, report and sources commands use of the application context. */
export type EventsContext = Pick<AppContext, 'actions' | 'close'>;

/** How a command opens its context; tests pass their own. */
export type OpenEventsContext = (env: Record<string, string | undefined>) => Promise<EventsContext>;

export const openEventsContext: OpenEventsContext = (env) => openContext(env);
