import type { OperationsContext } from '../context.ts';

/** How the backup and restore commands reach their actions; tests pass their own. */
export type OpenOperationsContext = (env: Record<string, string | undefined>) => Promise<OperationsContext>;

/** The real composition root, loaded when a command runs (not when `misura --help` only lists it). */
export const loadOperationsContext: OpenOperationsContext = async (env) => (await import('../context.ts')).openOperationsContext(env);
