import { importCards } from './actions/import-cards.action.ts';
import { listCards } from './actions/list-cards.action.ts';
import { overrideComparator } from './actions/override-comparator.action.ts';
import { readConfig, type Config } from './config/config.ts';
import { openDatabase } from './storage/database.ts';

type Tail<T extends unknown[]> = T extends [unknown, ...infer R] ? R : never;
/** An action with its dependencies already given. */
type Bound<F> = F extends (deps: never, ...args: infer A) => infer R ? (...args: Tail<[unknown, ...A]>) => R : never;

/**
 * The composition root: config → database → actions, built once. Callers (cli, http, jobs) see only actions.
 */
export interface AppContext {
  config: Config;
  actions: {
    importCards: Bound<typeof importCards>;
    listCards: Bound<typeof listCards>;
    overrideComparator: Bound<typeof overrideComparator>;
  };
  close(): Promise<void>;
}

/** Opens the database named by the configuration (migrating it) and wires the actions to it. */
export async function openContext(env: Record<string, string | undefined> = process.env): Promise<AppContext> {
  const config = readConfig(env);
  const database = await openDatabase(config.databaseUrl);
  const deps = { database };
  return {
    config,
    actions: {
      importCards: (...args) => importCards(deps, ...args),
      listCards: (...args) => listCards(deps, ...args),
      overrideComparator: (...args) => overrideComparator(deps, ...args),
    },
    close: () => database.close(),
  };
}
