import type { Command } from 'commander';
import { UserError } from '../domain/shared/errors.ts';
import type { AppOptions } from '../http/app.ts';
import type { SiteActions } from '../http/site-actions.ts';
import type { CliIo } from './cli-io.ts';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace'] as const;
type LogLevel = (typeof LOG_LEVELS)[number];

/** Lets tests stop the server; the binary waits for SIGINT or SIGTERM. */
export interface ServeHooks {
  /** Resolves when the server should stop; gets the address it listens on ("http://127.0.0.1:8080"). */
  waitForStop?: (address: string) => Promise<void>;
}

interface ServeOptions {
  port?: string;
  host: string;
  logLevel: string;
  accessibilityUrl?: string;
  contactEmail?: string;
  trustProxy?: boolean;
}

/** Resolves on the first SIGINT (Ctrl+C) or SIGTERM. */
export function waitForSignal(): Promise<void> {
  return new Promise((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}

/** A --port value as a port number; a UserError naming the option otherwise. */
export function parsePortOption(value: string): number {
  const port = Number(value);
  if (!/^\d{1,5}$/.test(value) || port > 65535) throw new UserError(`--port must be a port number (0-65535), got "${value}"`);
  return port;
}

export interface SiteServerOptions {
  port?: number | undefined;
  host: string;
  logLevel: LogLevel;
  accessibilityUrl?: string | undefined;
  contactEmail?: string | undefined;
  trustProxy?: boolean | undefined;
}

/** Serves the public site of the configured database until stopped; `misura serve` and `misura demo` share it. */
export async function serveSite(io: CliIo, options: SiteServerOptions, hooks: ServeHooks = {}): Promise<void> {
  // A long-running server: queued rollups are recomputed in a worker thread, off the thread that answers requests.
  // Loaded here, not at start: `misura --help` and the other commands need neither Fastify nor the database.
  const [{ openContext }, { buildApp }] = await Promise.all([import('../context.ts'), import('../http/app.ts')]);
  const context = await openContext(io.env, undefined, { drainInWorker: true });
  try {
    const actions: SiteActions = context.actions;
    const appOptions: AppOptions = {
      logger: options.logLevel,
      timeZone: context.config.timeZone,
      // The options win over the settings (MISURA_ACCESSIBILITY_URL, MISURA_PA_EMAIL), which a production install sets once.
      accessibilityStatementUrl: options.accessibilityUrl ?? context.config.administration.accessibilityUrl,
      contactEmail: options.contactEmail ?? context.config.administration.email,
      baseUrl: context.config.administration.baseUrl,
      administration: context.config.administration,
      trustProxy: options.trustProxy === true,
      timeouts: context.config.http,
      admin: { cookieSecure: context.config.sessions.cookieSecure, sessionHours: context.config.sessions.absoluteHours },
      satisfaction: { widgetOrigins: context.config.widgetOrigins },
    };
    let app;
    try {
      app = buildApp(actions, appOptions);
    } catch (error) {
      throw new UserError(error instanceof Error ? error.message : String(error));
    }
    try {
      const port = options.port ?? context.config.port;
      await app.listen({ port, host: options.host });
      const bound = app.server.address();
      const boundPort = typeof bound === 'object' && bound !== null ? bound.port : port;
      const shownHost = options.host === '0.0.0.0' ? 'localhost' : options.host.includes(':') ? `[${options.host}]` : options.host;
      const address = `http://${shownHost}:${boundPort}`;
      io.out(`misura: serving the public site on ${address} (Ctrl+C to stop)`);
      if (context.config.administration.baseUrl === null) {
        app.log.warn('MISURA_BASE_URL is not set: absolute links follow each request\'s Host header, fine for development only (misura doctor lists what production needs)');
      }
      // The built-in probes run beside the site (MISURA_PROBES=off leaves them to `misura probes run`).
      const probes = context.config.probes
        ? (await import('../jobs/probe-scheduler.ts')).startProbeScheduler(context.actions, {
            onError: (error, probeName) => app?.log.warn({ err: error, probe: probeName }, 'a probe check could not be recorded; the next slot runs as usual'),
          })
        : undefined;
      const alerts = (await import('../jobs/alert-scheduler.ts')).startAlertScheduler(context.actions, {
        onError: (error) => app?.log.warn({ err: error }, 'an alert round failed; the next one retries'),
      });
      // The diffide reminder and erasure, once a day from 08:00 (no cron needed; one server runs each).
      const duties = (await import('../jobs/daily-duties-scheduler.ts')).startDailyDutiesScheduler(context.actions, {
        onRan: (run) => (run.ok ? app?.log.info({ duty: run.duty }, run.outcome) : app?.log.warn({ duty: run.duty }, run.outcome)),
        onError: (error) => app?.log.warn({ err: error }, 'a daily duty failed; run it by hand if needed: misura diffide remind, misura diffide erase-expired'),
      });
      try {
        await (hooks.waitForStop ?? waitForSignal)(address);
      } finally {
        await Promise.all([probes?.stop(), alerts.stop(), duties.stop()]);
      }
    } finally {
      // Stops accepting connections and lets requests in flight finish.
      await app.close();
    }
  } finally {
    await context.close();
  }
}

/** `misura serve`: the public site (Amministrazione trasparente › Servizi erogati) over HTTP, until stopped. */
export function registerServeCommand(program: Command, io: CliIo, _setExit: (code: number) => void, hooks: ServeHooks = {}): void {
  program
    .command('serve')
    .description('Serve the public site: services, their quality standards and measured values (Italian, English under /en).')
    .option('--port <port>', 'TCP port to listen on (default: MISURA_PORT, else 8080)')
    .option('--host <address>', 'address to listen on', '0.0.0.0')
    .option('--log-level <level>', `request log level (${LOG_LEVELS.join(', ')})`, 'info')
    .option('--accessibility-url <url>', 'the official accessibility statement on form.agid.gov.it, linked from every footer (default: MISURA_ACCESSIBILITY_URL)')
    .option('--contact-email <address>', 'where users report accessibility problems (default: MISURA_PA_EMAIL)')
    .option('--trust-proxy', 'trust X-Forwarded-* headers (set it behind a reverse proxy)')
    .action(async (options: ServeOptions) => {
      const explicitPort = options.port === undefined ? undefined : parsePortOption(options.port);
      if (!(LOG_LEVELS as readonly string[]).includes(options.logLevel)) {
        throw new UserError(`--log-level must be one of ${LOG_LEVELS.join(', ')}, got "${options.logLevel}"`);
      }
      await serveSite(io, { ...options, port: explicitPort, logLevel: options.logLevel as LogLevel }, hooks);
    });
}
