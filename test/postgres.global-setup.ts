import type { TestProject } from 'vitest/node';
import { startPostgresCluster, type PostgresCluster } from './postgres-cluster.ts';

let cluster: PostgresCluster | undefined;

/** Starts one throw-away PostgreSQL cluster for the whole run; each test file makes its own database in it. */
export async function setup(project: TestProject): Promise<void> {
  cluster = await startPostgresCluster();
  project.provide('postgresAdminUrl', cluster.adminUrl);
}

export async function teardown(): Promise<void> {
  await cluster?.stop();
}

declare module 'vitest' {
  export interface ProvidedContext {
    postgresAdminUrl: string;
  }
}
