/** misura's settings, read once from the environment. */
export interface Config {
  /**
   * MISURA_DB_URL: where the data lives. A file path means SQLite (the embedded default, folder created on
   * demand); a postgres:// or postgresql:// URL means PostgreSQL. Default: ./data/misura.db.
   */
  databaseUrl: string;
  /** MISURA_PORT: the HTTP port of `misura serve`. Default 8080. */
  port: number;
  /** MISURA_TIME_ZONE: the administration's time zone for days, periods and service hours. Default Europe/Rome. */
  timeZone: string;
}

/** Reads the configuration from an environment (process.env by default), with documented defaults. */
export function readConfig(env: Record<string, string | undefined> = process.env): Config {
  const port = Number(env.MISURA_PORT ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`MISURA_PORT must be a port number (0-65535), got "${env.MISURA_PORT}"`);
  }
  return {
    databaseUrl: env.MISURA_DB_URL?.trim() || './data/misura.db',
    port,
    timeZone: env.MISURA_TIME_ZONE?.trim() || 'Europe/Rome',
  };
}
