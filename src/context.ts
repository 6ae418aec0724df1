import type { Actor } from './domain/accounts/actor.ts';
import { applyMeasures } from './actions/apply-measures.action.ts';
import { runDailyDuties } from './actions/daily-duties.action.ts';
import { backupDatabase } from './actions/backup-database.action.ts';
import { buildDemo } from './actions/build-demo.action.ts';
import { checkDatabase } from './actions/check-database.action.ts';
import { checkpointDatabase } from './actions/checkpoint-database.action.ts';
import { createApiToken } from './actions/create-api-token.action.ts';
import { drainRollupQueue } from './actions/drain-rollup-queue.action.ts';
import { exportCardDocument } from './actions/export-card-document.action.ts';
import { exportMeasures } from './actions/export-measures.action.ts';
import { exportReportDocument } from './actions/export-report-document.action.ts';
import { importCards } from './actions/import-cards.action.ts';
import { listApiTokens } from './actions/list-api-tokens.action.ts';
import { ingestEvents } from './actions/ingest-events.action.ts';
import { listCards } from './actions/list-cards.action.ts';
import { exportAuditLogCsv, listAuditLog } from './actions/list-audit-log.action.ts';
import { listIndicatorFaults } from './actions/list-indicator-faults.action.ts';
import { verifyAuditLog } from './actions/verify-audit-log.action.ts';
import { listOrganisations } from './actions/list-organisations.action.ts';
import { listServices } from './actions/list-services.action.ts';
import { readServiceProfile, saveServiceProfile } from './actions/service-profile.action.ts';
import { listSources } from './actions/list-sources.action.ts';
import { overrideComparator } from './actions/override-comparator.action.ts';
import { rebuildRollups } from './actions/rebuild-rollups.action.ts';
import { createReportCache, type ReportCache } from './actions/report-cache.action.ts';
import { restoreDatabase } from './actions/restore-database.action.ts';
import { revokeApiToken } from './actions/revoke-api-token.action.ts';
import { verifyApiToken } from './actions/verify-api-token.action.ts';
import { addAccount } from './actions/add-account.action.ts';
import { approveEdition, findEditionWorsenings } from './actions/approve-edition.action.ts';
import { compareEditions } from './actions/diff-editions.action.ts';
import { reviewCardUpload, reviewDraft, saveDraftEdits, saveReviewedCards } from './actions/card-review.action.ts';
import { listEditions } from './actions/list-editions.action.ts';
import { getEvaluationDrillDown, streamDayEvents } from './actions/evaluation-drill-down.action.ts';
import { listHandRecordedIndicators, recordHandEntry } from './actions/hand-entry.action.ts';
import { publishEdition } from './actions/publish-edition.action.ts';
import { startEdition } from './actions/start-edition.action.ts';
import { withdrawEdition } from './actions/withdraw-edition.action.ts';
import { authenticate, endSession, resolveSession } from './actions/authenticate.action.ts';
import { changeAccount } from './actions/change-account.action.ts';
import { listAccounts } from './actions/list-accounts.action.ts';
import { addMaintenanceWindow, addProbe, listIndicatorMaintenance, listMaintenanceWindows, listProbes, pauseProbe, removeMaintenanceWindow, removeProbe } from './actions/probe-registry.action.ts';
import { claimProbeRun, listActiveProbes, recordProbeOutcome } from './actions/run-probe-slot.action.ts';
import { importKumaProbes } from './actions/import-probes.action.ts';
import { addAlertRule, listAlertHistory, listAlertRules, queueTestAlert, removeAlertRule, silenceAlertRule } from './actions/alert-rules.action.ts';
import { claimAlertDeliveries, evaluateAlerts, recordAlertDelivery, sendAlertEmail } from './actions/evaluate-alerts.action.ts';
import { addClassActionPublication, correctClassActionCase, listClassActions, recordClassActionCase, setClassActionStatus, withdrawClassActionPublication } from './actions/class-action.action.ts';
import { eraseExpiredDiffide, findDiffidaDetail, listDiffideOfYear, findDiffidaReceipt, findServiceDiffidaRecipient, listDiffide, listDueDiffide, recordDiffidaStep, remindDiffide, sendDiffida } from './actions/diffida.action.ts';
import { createMailOutbox } from './actions/mail-outbox.ts';
import { importServiceCosts, listServiceCosts, recordServiceCost } from './actions/service-costs.action.ts';
import { issueSatisfactionToken, listSatisfactionHistory, listSatisfactionReasons, recordSatisfactionVote, summariseSatisfaction } from './actions/satisfaction.action.ts';
import { readConfig, type Config } from './config/config.ts';
import { startRollupDrainWorker } from './jobs/rollup-drain-worker.ts';
import { workCalendarOf } from './domain/calendar/index.ts';
import { openDatabase } from './storage/database.ts';

type Tail<T extends unknown[]> = T extends [unknown, ...infer R] ? R : never;
/** An action with its dependencies already given. */
export type Bound<F> = F extends (deps: never, ...args: infer A) => infer R ? (...args: Tail<[unknown, ...A]>) => R : never;

/** The clock every action shares; tests and the demo may pin it. */
export type Clock = () => Date;

/**
 * The composition root: config → database → actions, built once. Callers (cli, http, jobs) see only actions.
 */
export interface AppContext {
  config: Config;
  actions: {
    importCards: Bound<typeof importCards>;
    listCards: Bound<typeof listCards>;
    listEditions: Bound<typeof listEditions>;
    approveEdition: Bound<typeof approveEdition>;
    findEditionWorsenings: Bound<typeof findEditionWorsenings>;
    publishEdition: Bound<typeof publishEdition>;
    withdrawEdition: Bound<typeof withdrawEdition>;
    startEdition: Bound<typeof startEdition>;
    compareEditions: Bound<typeof compareEditions>;
    reviewCardUpload: Bound<typeof reviewCardUpload>;
    reviewDraft: Bound<typeof reviewDraft>;
    saveReviewedCards: Bound<typeof saveReviewedCards>;
    saveDraftEdits: Bound<typeof saveDraftEdits>;
    overrideComparator: Bound<typeof overrideComparator>;
    listOrganisations: Bound<typeof listOrganisations>;
    listServices: Bound<typeof listServices>;
    checkDatabase: Bound<typeof checkDatabase>;
    /** Evaluations answered from memory until the data version moves (ingestion, measures, cards). */
    getReport: ReportCache['getReport'];
    readDataVersion: ReportCache['readDataVersion'];
    forgetDataVersion: ReportCache['forgetDataVersion'];
    createApiToken: Bound<typeof createApiToken>;
    verifyApiToken: Bound<typeof verifyApiToken>;
    listApiTokens: Bound<typeof listApiTokens>;
    revokeApiToken: Bound<typeof revokeApiToken>;
    ingestEvents: Bound<typeof ingestEvents>;
    /** Recomputes the queued days (in the worker, for a server) and says so to catchUpState meanwhile. */
    drainRollupQueue: ReportCache['catchUp'];
    catchUpState: ReportCache['catchUpState'];
    listIndicatorFaults: Bound<typeof listIndicatorFaults>;
    /** Checkpoints the database: in the worker thread when there is one (a server), else on this thread. */
    checkpointDatabase: Bound<typeof checkpointDatabase>;
    rebuildRollups: Bound<typeof rebuildRollups>;
    applyMeasures: Bound<typeof applyMeasures>;
    exportMeasures: Bound<typeof exportMeasures>;
    listSources: Bound<typeof listSources>;
    buildDemo: Bound<typeof buildDemo>;
    verifyAuditLog: Bound<typeof verifyAuditLog>;
    listAuditLog: Bound<typeof listAuditLog>;
    exportAuditLogCsv: Bound<typeof exportAuditLogCsv>;
    exportCardDocument: Bound<typeof exportCardDocument>;
    /** The year's results as a document, from getReport (the cache). */
    exportReportDocument: (input: Parameters<typeof exportReportDocument>[1]) => ReturnType<typeof exportReportDocument>;
    // Registers and snapshots by hand, and the evaluation's drill-down (issue 11).
    listHandRecordedIndicators: Bound<typeof listHandRecordedIndicators>;
    /** Records an entry, then lets the cached results see it at once. */
    recordHandEntry: Bound<typeof recordHandEntry>;
    getEvaluationDrillDown: Bound<typeof getEvaluationDrillDown>;
    streamDayEvents: Bound<typeof streamDayEvents>;
    // Accounts and sessions (issue 11).
    addAccount: Bound<typeof addAccount>;
    changeAccount: Bound<typeof changeAccount>;
    listAccounts: Bound<typeof listAccounts>;
    authenticate: Bound<typeof authenticate>;
    resolveSession: Bound<typeof resolveSession>;
    endSession: Bound<typeof endSession>;
    // Built-in probes (issue 14).
    addProbe: Bound<typeof addProbe>;
    listProbes: Bound<typeof listProbes>;
    removeProbe: Bound<typeof removeProbe>;
    pauseProbe: Bound<typeof pauseProbe>;
    listActiveProbes: Bound<typeof listActiveProbes>;
    addMaintenanceWindow: Bound<typeof addMaintenanceWindow>;
    listMaintenanceWindows: Bound<typeof listMaintenanceWindows>;
    removeMaintenanceWindow: Bound<typeof removeMaintenanceWindow>;
    listIndicatorMaintenance: Bound<typeof listIndicatorMaintenance>;
    claimProbeRun: Bound<typeof claimProbeRun>;
    recordProbeOutcome: Bound<typeof recordProbeOutcome>;
    importKumaProbes: Bound<typeof importKumaProbes>;
    // Alerts (issue 14).
    addAlertRule: Bound<typeof addAlertRule>;
    listAlertRules: Bound<typeof listAlertRules>;
    removeAlertRule: Bound<typeof removeAlertRule>;
    silenceAlertRule: Bound<typeof silenceAlertRule>;
    queueTestAlert: Bound<typeof queueTestAlert>;
    listAlertHistory: Bound<typeof listAlertHistory>;
    evaluateAlerts: Bound<typeof evaluateAlerts>;
    claimAlertDeliveries: Bound<typeof claimAlertDeliveries>;
    recordAlertDelivery: Bound<typeof recordAlertDelivery>;
    sendAlertEmail: Bound<typeof sendAlertEmail>;
    // Service profiles of the back office (issue 11 item 2, issue 13 items 1 and 3).
    readServiceProfile: Bound<typeof readServiceProfile>;
    saveServiceProfile: Bound<typeof saveServiceProfile>;
    // Diffide (issue 13).
    sendDiffida: Bound<typeof sendDiffida>;
    findDiffidaReceipt: Bound<typeof findDiffidaReceipt>;
    findServiceDiffidaRecipient: Bound<typeof findServiceDiffidaRecipient>;
    listDiffide: Bound<typeof listDiffide>;
    findDiffidaDetail: Bound<typeof findDiffidaDetail>;
    listDueDiffide: Bound<typeof listDueDiffide>;
    recordDiffidaStep: Bound<typeof recordDiffidaStep>;
    remindDiffide: Bound<typeof remindDiffide>;
    /** eraseExpiredDiffide with the retention of the settings (MISURA_DIFFIDA_RETENTION_YEARS). */
    eraseExpiredDiffide: (actor: Actor, options?: { dryRun?: boolean }) => ReturnType<typeof eraseExpiredDiffide>;
    /** The day's duties `misura serve` runs on its own (diffide reminder and erasure), once a day across servers. */
    runDailyDuties: () => ReturnType<typeof runDailyDuties>;
    /** Resolves when every e-mail handed over so far has been sent or given up (close() waits for them too). */
    settleMail: () => Promise<void>;
    // Costi contabilizzati (issue 13 item 4).
    recordServiceCost: Bound<typeof recordServiceCost>;
    importServiceCosts: Bound<typeof importServiceCosts>;
    listServiceCosts: Bound<typeof listServiceCosts>;
    // "Mettiamoci la faccia" (issue H item 8): a counted vote moved the data version, as an ingestion does.
    issueSatisfactionToken: Bound<typeof issueSatisfactionToken>;
    recordSatisfactionVote: Bound<typeof recordSatisfactionVote>;
    summariseSatisfaction: Bound<typeof summariseSatisfaction>;
    listSatisfactionReasons: Bound<typeof listSatisfactionReasons>;
    listSatisfactionHistory: Bound<typeof listSatisfactionHistory>;
    // Class action publications (issue 13 item 2).
    recordClassActionCase: Bound<typeof recordClassActionCase>;
    addClassActionPublication: Bound<typeof addClassActionPublication>;
    listClassActions: Bound<typeof listClassActions>;
    setClassActionStatus: Bound<typeof setClassActionStatus>;
    correctClassActionCase: Bound<typeof correctClassActionCase>;
    withdrawClassActionPublication: Bound<typeof withdrawClassActionPublication>;
  };
  close(): Promise<void>;
}

export interface OpenContextOptions {
  /**
   * Recompute queued rollups, and checkpoint the database, in a worker thread (its own connection) instead of on this
   * thread: for a long-running server. Ignored for an in-memory SQLite database, which another connection cannot see.
   */
  drainInWorker?: boolean;
  /** Where operational notes go (an e-mail not sent); default stderr. */
  log?: (line: string) => void;
}

/** Opens the database named by the configuration (migrating it) and wires the actions to it. */
export async function openContext(
  env: Record<string, string | undefined> = process.env,
  now: Clock = () => new Date(),
  options: OpenContextOptions = {},
): Promise<AppContext> {
  const config = readConfig(env);
  const inWorker = options.drainInWorker === true && config.databaseUrl !== ':memory:';
  const database = await openDatabase(config.databaseUrl, { backgroundCheckpoints: inWorker });
  const calendar = workCalendarOf({ timeZone: config.timeZone });
  const deps = { database, now, calendar, eventWindow: config.events };
  const log = options.log ?? ((line: string) => void process.stderr.write(`misura: ${line}\n`));
  const transport = config.smtp === null ? null : (await import('./mail/smtp-mailer.ts')).createSmtpTransport(config.smtp);
  const mail = createMailOutbox(transport, log);
  const diffidaDeps = { database, now, timeZone: config.timeZone, mail, baseUrl: config.administration.baseUrl };
  const costDeps = { database, now, timeZone: config.timeZone };
  const classActionDeps = { database, now, timeZone: config.timeZone };
  // Started after openDatabase, so the database is migrated before the worker opens its own connection.
  const drainWorker = inWorker ? startRollupDrainWorker(env) : undefined;
  const drain = drainWorker === undefined ? () => drainRollupQueue(deps) : () => drainWorker.drain();
  const checkpoint = drainWorker === undefined ? () => checkpointDatabase(deps) : () => drainWorker.checkpoint();
  // Reports use the same drain, so they never fold days on this thread either. A server (a worker) never makes a
  // reader wait for it: it drains in the background, starting now with whatever a crash or a restart left queued.
  const reportCache = createReportCache({ ...deps, drainRollupQueue: drain }, { catchUp: inWorker ? 'in-background' : 'before-reading' });
  // The drill-down evaluates one indicator as the cache's reports do, draining the same way.
  const drillDownDeps = { ...deps, drainRollupQueue: drain, catchUp: inWorker ? ('in-background' as const) : ('before-reading' as const) };
  if (inWorker) reportCache.catchUp().catch(() => undefined);
  return {
    config,
    actions: {
      importCards: (...args) => importCards(deps, ...args),
      listCards: (...args) => listCards(deps, ...args),
      listEditions: (...args) => listEditions(deps, ...args),
      approveEdition: (...args) => approveEdition(deps, ...args),
      findEditionWorsenings: (...args) => findEditionWorsenings(deps, ...args),
      publishEdition: (...args) => publishEdition(deps, ...args),
      withdrawEdition: (...args) => withdrawEdition(deps, ...args),
      startEdition: (...args) => startEdition(deps, ...args),
      compareEditions: (...args) => compareEditions(deps, ...args),
      reviewCardUpload: (...args) => reviewCardUpload(deps, ...args),
      reviewDraft: (...args) => reviewDraft(deps, ...args),
      saveReviewedCards: (...args) => saveReviewedCards(deps, ...args),
      saveDraftEdits: (...args) => saveDraftEdits(deps, ...args),
      overrideComparator: (...args) => overrideComparator(deps, ...args),
      listOrganisations: () => listOrganisations(deps),
      listServices: () => listServices(deps),
      checkDatabase: () => checkDatabase(deps),
      getReport: (request) => reportCache.getReport(request),
      readDataVersion: () => reportCache.readDataVersion(),
      forgetDataVersion: () => reportCache.forgetDataVersion(),
      createApiToken: (...args) => createApiToken(deps, ...args),
      verifyApiToken: (...args) => verifyApiToken(deps, ...args),
      listApiTokens: () => listApiTokens(deps),
      revokeApiToken: (...args) => revokeApiToken(deps, ...args),
      ingestEvents: (...args) => ingestEvents(deps, ...args),
      // Through the cache, which knows then that the site is being brought up to date.
      drainRollupQueue: () => reportCache.catchUp(),
      catchUpState: () => reportCache.catchUpState(),
      listIndicatorFaults: () => listIndicatorFaults(deps),
      checkpointDatabase: checkpoint,
      rebuildRollups: (...args) => rebuildRollups(deps, ...args),
      applyMeasures: (...args) => applyMeasures(deps, ...args),
      exportMeasures: () => exportMeasures(deps),
      listSources: () => listSources(deps),
      buildDemo: (...args) => buildDemo(deps, ...args),
      verifyAuditLog: () => verifyAuditLog(deps),
      listAuditLog: (...args) => listAuditLog(deps, ...args),
      exportAuditLogCsv: (...args) => exportAuditLogCsv(deps, ...args),
      exportCardDocument: (...args) => exportCardDocument(deps, ...args),
      exportReportDocument: (input) =>
        exportReportDocument(
          {
            getReport: (request) => reportCache.getReport(request),
            listDiffideOfYear: (year) => listDiffideOfYear(diffidaDeps, year),
            // The PA's name when the database holds one PA (the usual case); none when it holds several.
            organisationName: async () => {
              const organisations = await listOrganisations(deps);
              return organisations.length === 1 ? (organisations[0]?.name ?? null) : null;
            },
            now,
          },
          input,
        ),
      // Registers and snapshots by hand, and the evaluation's drill-down (issue 11).
      listHandRecordedIndicators: (...args) => listHandRecordedIndicators(deps, ...args),
      recordHandEntry: async (...args) => {
        const recorded = await recordHandEntry(deps, ...args);
        reportCache.forgetDataVersion();
        return recorded;
      },
      getEvaluationDrillDown: (...args) => getEvaluationDrillDown(drillDownDeps, ...args),
      streamDayEvents: (...args) => streamDayEvents(drillDownDeps, ...args),
      // Accounts and sessions (issue 11).
      addAccount: (...args) => addAccount(deps, ...args),
      changeAccount: (...args) => changeAccount(deps, ...args),
      listAccounts: () => listAccounts(deps),
      authenticate: (...args) => authenticate({ ...deps, sessions: config.sessions }, ...args),
      resolveSession: (...args) => resolveSession({ ...deps, sessions: config.sessions }, ...args),
      endSession: (...args) => endSession(deps, ...args),
      addProbe: (...args) => addProbe(deps, ...args),
      listProbes: () => listProbes(deps),
      removeProbe: (...args) => removeProbe(deps, ...args),
      pauseProbe: (...args) => pauseProbe(deps, ...args),
      listActiveProbes: () => listActiveProbes(deps),
      addMaintenanceWindow: (...args) => addMaintenanceWindow(deps, ...args),
      listMaintenanceWindows: () => listMaintenanceWindows(deps),
      removeMaintenanceWindow: (...args) => removeMaintenanceWindow(deps, ...args),
      listIndicatorMaintenance: () => listIndicatorMaintenance(deps),
      claimProbeRun: (...args) => claimProbeRun(deps, ...args),
      recordProbeOutcome: (...args) => recordProbeOutcome(deps, ...args),
      importKumaProbes: (...args) => importKumaProbes(deps, ...args),
      addAlertRule: (...args) => addAlertRule(deps, ...args),
      listAlertRules: () => listAlertRules(deps),
      removeAlertRule: (...args) => removeAlertRule(deps, ...args),
      silenceAlertRule: (...args) => silenceAlertRule(deps, ...args),
      queueTestAlert: (...args) => queueTestAlert(deps, ...args),
      listAlertHistory: (...args) => listAlertHistory(deps, ...args),
      evaluateAlerts: () => evaluateAlerts({ ...deps, getReport: (request) => reportCache.getReport(request) }),
      claimAlertDeliveries: (...args) => claimAlertDeliveries(deps, ...args),
      recordAlertDelivery: (...args) => recordAlertDelivery(deps, ...args),
      sendAlertEmail: (...args) => sendAlertEmail({ mail }, ...args),
      // Service profiles of the back office (issue 11 item 2, issue 13 items 1 and 3).
      readServiceProfile: (...args) => readServiceProfile(deps, ...args),
      // The save moved the data version in its transaction: pages cached on the old one must not outlive the commit.
      saveServiceProfile: async (...args) => {
        const saved = await saveServiceProfile(deps, ...args);
        reportCache.forgetDataVersion();
        return saved;
      },
      // Diffide (issue 13).
      sendDiffida: (...args) => sendDiffida(diffidaDeps, ...args),
      findDiffidaReceipt: (...args) => findDiffidaReceipt(diffidaDeps, ...args),
      findServiceDiffidaRecipient: (...args) => findServiceDiffidaRecipient(diffidaDeps, ...args),
      listDiffide: (...args) => listDiffide(diffidaDeps, ...args),
      findDiffidaDetail: (...args) => findDiffidaDetail(diffidaDeps, ...args),
      listDueDiffide: (...args) => listDueDiffide(diffidaDeps, ...args),
      recordDiffidaStep: (...args) => recordDiffidaStep(diffidaDeps, ...args),
      remindDiffide: (...args) => remindDiffide(diffidaDeps, ...args),
      eraseExpiredDiffide: (actor, options = {}) => eraseExpiredDiffide(diffidaDeps, actor, { ...options, retentionYears: config.administration.privacy.diffidaRetentionYears }),
      runDailyDuties: () => runDailyDuties({ ...diffidaDeps, retentionYears: config.administration.privacy.diffidaRetentionYears }),
      settleMail: () => mail.settled(),
      // Costi contabilizzati (issue 13 item 4): a write moved the data version, so cached pages must not outlive it.
      recordServiceCost: async (...args) => {
        const recorded = await recordServiceCost(costDeps, ...args);
        reportCache.forgetDataVersion();
        return recorded;
      },
      importServiceCosts: async (...args) => {
        const recorded = await importServiceCosts(costDeps, ...args);
        reportCache.forgetDataVersion();
        return recorded;
      },
      listServiceCosts: () => listServiceCosts(costDeps),
      // Votes (issue H item 8): a counted one went through the ingestion, which moved the data version.
      issueSatisfactionToken: (...args) => issueSatisfactionToken(deps, ...args),
      recordSatisfactionVote: async (...args) => {
        const outcome = await recordSatisfactionVote(deps, ...args);
        reportCache.forgetDataVersion();
        return outcome;
      },
      summariseSatisfaction: (...args) => summariseSatisfaction(deps, ...args),
      listSatisfactionReasons: (...args) => listSatisfactionReasons(deps, ...args),
      listSatisfactionHistory: () => listSatisfactionHistory(deps),
      // Class action publications (issue 13 item 2): each change moved the data version, as a saved profile does.
      recordClassActionCase: async (...args) => {
        const recorded = await recordClassActionCase(classActionDeps, ...args);
        reportCache.forgetDataVersion();
        return recorded;
      },
      addClassActionPublication: async (...args) => {
        const updated = await addClassActionPublication(classActionDeps, ...args);
        reportCache.forgetDataVersion();
        return updated;
      },
      listClassActions: () => listClassActions(classActionDeps),
      setClassActionStatus: async (...args) => {
        const updated = await setClassActionStatus(classActionDeps, ...args);
        reportCache.forgetDataVersion();
        return updated;
      },
      correctClassActionCase: async (...args) => {
        const updated = await correctClassActionCase(classActionDeps, ...args);
        reportCache.forgetDataVersion();
        return updated;
      },
      withdrawClassActionPublication: async (...args) => {
        const updated = await withdrawClassActionPublication(classActionDeps, ...args);
        reportCache.forgetDataVersion();
        return updated;
      },
    },
    close: async () => {
      await mail.settled();
      // The worker first: it may be finishing a drain on the same database.
      await drainWorker?.close();
      await database.close();
    },
  };
}

/** Backup and restore of the configured database as a whole. */
export interface OperationsContext {
  config: Config;
  actions: {
    backupDatabase: Bound<typeof backupDatabase>;
    restoreDatabase: Bound<typeof restoreDatabase>;
  };
}

/**
 * Wires the whole-database operations to the configured database WITHOUT opening it: a restore must be the database's
 * only user, and a backup copies it as it is (no migration first). Each action opens what it needs.
 */
export function openOperationsContext(env: Record<string, string | undefined> = process.env, now: Clock = () => new Date()): OperationsContext {
  const config = readConfig(env);
  const deps = { databaseUrl: config.databaseUrl, now };
  return {
    config,
    actions: {
      backupDatabase: (...args) => backupDatabase(deps, ...args),
      restoreDatabase: (...args) => restoreDatabase(deps, ...args),
    },
  };
}
