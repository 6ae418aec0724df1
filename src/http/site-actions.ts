import type { MaintenanceWindow } from '../domain/probes/maintenance-window.ts';
import type { ExportCardDocumentInput } from '../actions/export-card-document.action.ts';
import type { IngestOptions, IngestSummary } from '../actions/ingest-events.action.ts';
import type { CardFilterInput, CardListing } from '../actions/list-cards.action.ts';
import type { ServiceListing } from '../actions/list-services.action.ts';
import type { ServiceProfileView } from '../actions/service-profile.action.ts';
import type { ProfileInput } from '../domain/services/service-profile.ts';
import type { SourceListing } from '../actions/list-sources.action.ts';
import type { VerifiedApiToken } from '../actions/verify-api-token.action.ts';
import type { Credentials, OpenedSession, ResolvedSession } from '../actions/authenticate.action.ts';
import type { EditionReference } from '../actions/approve-edition.action.ts';
import type { ApprovalInput } from '../actions/edition-steps.ts';
import type { EditionListing } from '../actions/list-editions.action.ts';
import type { Actor } from '../domain/accounts/actor.ts';
import type { CardReview, DraftEdits } from '../actions/card-review.action.ts';
import type { ApplyMeasuresSummary } from '../actions/apply-measures.action.ts';
import type { CreateApiTokenInput, CreatedApiToken } from '../actions/create-api-token.action.ts';
import type { ApiTokenListing } from '../actions/list-api-tokens.action.ts';
import type { AuditFilter } from '../actions/list-audit-log.action.ts';
import type { AuditVerification } from '../actions/verify-audit-log.action.ts';
import type { AuditRecord } from '../domain/audit/audit-chain.ts';
import type { ImportSummary } from '../actions/import-cards.action.ts';
import type { IndicatorEdit } from '../domain/cards/card-edit.ts';
import type { Organisation } from '../domain/cards/card.ts';
import type { ImportedCard } from '../domain/cards/imported-card.ts';
import type { Worsening } from '../domain/editions/edition-diff.ts';
import type { IndicatorReport } from '../domain/evaluation/indicator-report.ts';
import type { ExportedDocument } from '../formats/document-format.ts';
import type { EventRow } from '../formats/event-record.ts';
import type { DrillDown, DrillDownRequest } from '../actions/evaluation-drill-down.action.ts';
import type { HandRecordedIndicator, RecordedHandEntry, RecordHandEntryInput } from '../actions/hand-entry.action.ts';
import type { MeasureEvent } from '../domain/events/event.ts';
import type { DiffidaDetail, DiffidaListing, DiffidaReceipt, DiffidaStepInput } from '../actions/diffida.action.ts';
import type { DiffidaRequest } from '../domain/diffide/diffida.ts';
import type { DiffidaRecipient } from '../actions/diffida-recipient.ts';
import type { RecordedServiceCost, ServiceCostListing } from '../actions/service-costs.action.ts';
import type { CostInput } from '../domain/costs/service-cost.ts';
import type { CaseCorrectionInput, ClassActionListing, StoredClassActionCase } from '../actions/class-action.action.ts';
import type { CaseInput, PublicationInput } from '../domain/class-actions/class-action.ts';
import type { RecordVoteInput, SatisfactionHistory, SatisfactionSummary, StoredVoteReason, VoteOutcome } from '../actions/satisfaction.action.ts';

/** Which year's measurements, cut into months or quarters. */
export interface ReportQuery {
  year: number;
  granularity: 'month' | 'quarter';
}

/**
 * The actions the public site calls, all read-only. AppContext.actions is expected to satisfy it;
 * view tests build one from domain values (see test-kit.ts).
 */
export interface SiteActions {
  /** The administrations publishing cards (list-organisations.action.ts). */
  listOrganisations(): Promise<Organisation[]>;
  /** Every service with channels and diffida body, and its organisation (list-services.action.ts). */
  listServices(): Promise<ServiceListing[]>;
  /** Stored cards, by organisation, service and year, undated last (list-cards.action.ts). */
  listCards(filter?: CardFilterInput): Promise<CardListing[]>;
  /** Every indicator of the cards in force in the year, evaluated (the measurement engine's getReport). */
  getReport(query: ReportQuery): Promise<IndicatorReport[]>;
  /** Resolves when the database answers (check-database.action.ts); used by /readyz. */
  checkDatabase(): Promise<void>;
  // The JSON API and operations (src/http/api, src/http/ops). Optional, so that view tests need not provide them:
  // without readDataVersion pages get no ETag; without verifyApiToken and ingestEvents POST /api/v1/events answers 503.
  /** The data version, which moves whenever events, measures or cards change (report-cache.action.ts). */
  readDataVersion?(): Promise<number>;
  /** Every source of events with how long it has been silent (list-sources.action.ts). */
  listSources?(): Promise<SourceListing[]>;
  /** The source a bearer token may send events for, or null (verify-api-token.action.ts). */
  verifyApiToken?(token: string): Promise<VerifiedApiToken | null>;
  /** Stores events idempotently; resolves once committed (ingest-events.action.ts). */
  ingestEvents?(rows: AsyncIterable<EventRow> | Iterable<EventRow>, options: IngestOptions): Promise<IngestSummary>;
  /** Makes the next read of the data version ask the database, after a commit that moved it (report-cache.action.ts). */
  forgetDataVersion?(): void;
  /** Recomputes the rollups of the days the HTTP ingestion queued (drain-rollup-queue.action.ts). */
  drainRollupQueue?(): Promise<unknown>;
  /** Whether the results served are being brought up to date after a restart or a bulk ingestion (report-cache.action.ts). */
  catchUpState?(): { catchingUp: boolean; lastError: string | null };
  /** Planned maintenance of the probes each indicator reads, by "service/edition/indicator" (probe-registry.action.ts). */
  listIndicatorMaintenance?(): Promise<{ indicator: string; windows: MaintenanceWindow[] }[]>;
  /** Indicators whose days could not be computed, and why (list-indicator-faults.action.ts); /readyz lists them. */
  listIndicatorFaults?(): Promise<{ service: string; edition: string; indicator: string; reason: string; since: string }[]>;
  /** A card edition as an official document (export-card-document.action.ts); without it, no download links. */
  exportCardDocument?(input: ExportCardDocumentInput): Promise<ExportedDocument>;
  /** The year's results as an official document (export-report-document.action.ts). */
  exportReportDocument?(input: { year: number; format: string }): Promise<ExportedDocument>;
  /** Copies the write-ahead log into the database file, in the worker thread of a server (checkpoint-database.action.ts). */
  checkpointDatabase?(): Promise<void>;
  // The back office (src/http/auth); without these three /admin is not served.
  /** Signs in; null whatever failed (authenticate.action.ts). */
  authenticate?(credentials: Credentials): Promise<OpenedSession | null>;
  /** The account of a session cookie's token, or null. */
  resolveSession?(token: string): Promise<ResolvedSession | null>;
  /** Signs out. */
  endSession?(token: string): Promise<void>;
  // The editions of the back office (list-editions, approve-edition, publish-edition, withdraw-edition, start-edition);
  // without them the back office has no editions page.
  listEditions?(filter?: { service?: string }): Promise<EditionListing[]>;
  findEditionWorsenings?(input: EditionReference): Promise<Worsening[]>;
  approveEdition?(actor: Actor, input: EditionReference & ApprovalInput): Promise<EditionListing>;
  publishEdition?(actor: Actor, input: EditionReference): Promise<EditionListing>;
  withdrawEdition?(actor: Actor, input: EditionReference & { reason: string }): Promise<EditionListing>;
  startEdition?(actor: Actor, input: { service: string; year: number }): Promise<EditionListing & { measuresCopied: number }>;
  // Sources and tokens for the data steward (list-api-tokens, create-api-token, revoke-api-token).
  listApiTokens?(): Promise<ApiTokenListing[]>;
  createApiToken?(input: CreateApiTokenInput): Promise<CreatedApiToken>;
  revokeApiToken?(id: number, actor?: Actor): Promise<{ id: number; alreadyRevoked: boolean }>;
  // The audit log for the OIV (list-audit-log, verify-audit-log).
  listAuditLog?(filter?: AuditFilter): Promise<AuditRecord[]>;
  exportAuditLogCsv?(filter?: AuditFilter): Promise<string>;
  verifyAuditLog?(): Promise<AuditVerification>;
  // Registers and snapshots recorded by hand, and the evaluation's drill-down (hand-entry, evaluation-drill-down).
  listHandRecordedIndicators?(query: { year: number }): Promise<HandRecordedIndicator[]>;
  recordHandEntry?(actor: Actor, input: RecordHandEntryInput): Promise<RecordedHandEntry>;
  getEvaluationDrillDown?(request: DrillDownRequest): Promise<DrillDown | undefined>;
  streamDayEvents?(request: DrillDownRequest & { day: string }): AsyncIterable<MeasureEvent>;
  // Card upload with its review screen, and the editor of a draft (card-review.action.ts).
  reviewCardUpload?(bytes: Uint8Array, options: { file: string; year?: number }): Promise<CardReview>;
  reviewDraft?(input: EditionReference, typed?: DraftEdits): Promise<CardReview>;
  saveReviewedCards?(
    actor: Actor,
    cards: readonly ImportedCard[],
    edits: ReadonlyMap<number, ReadonlyMap<number, IndicatorEdit>>,
    decisions?: ReadonlyMap<string, string | null>,
    notes?: ReadonlyMap<number, string>,
  ): Promise<ImportSummary>;
  /** The editor of a draft saved: cells, notes and measures in one transaction (a measure refused: DraftMeasuresRefused). */
  saveDraftEdits?(actor: Actor, input: EditionReference, edits: DraftEdits): Promise<{ import: ImportSummary; measures: ApplyMeasuresSummary }>;
  // Service profiles (service-profile.action.ts): without them the back office has no services pages.
  readServiceProfile?(serviceSlug: string): Promise<ServiceProfileView>;
  saveServiceProfile?(actor: Actor, input: { service: string; profile: ProfileInput }): Promise<ServiceProfileView>;
  // Diffide (diffida.action.ts): without sendDiffida and findDiffidaReceipt no form is shown; without the others the
  // back office has no queue.
  sendDiffida?(request: DiffidaRequest): Promise<DiffidaReceipt>;
  findDiffidaReceipt?(number: string): Promise<DiffidaReceipt | undefined>;
  /** The organo and PEC a diffida about this service goes to (diffida-recipient.ts). */
  findServiceDiffidaRecipient?(serviceSlug: string): Promise<DiffidaRecipient>;
  listDiffide?(filter?: { open?: boolean }): Promise<DiffidaListing[]>;
  findDiffidaDetail?(number: string): Promise<DiffidaDetail | undefined>;
  listDueDiffide?(withinDays: number): Promise<DiffidaListing[]>;
  recordDiffidaStep?(actor: Actor, input: DiffidaStepInput): Promise<DiffidaDetail>;
  // Costi contabilizzati (service-costs.action.ts): without listServiceCosts the page says the content is not managed
  // here; without recordServiceCost the back office has no costs page.
  listServiceCosts?(): Promise<ServiceCostListing[]>;
  recordServiceCost?(actor: Actor, input: CostInput): Promise<RecordedServiceCost>;
  // Class action publications (class-action.action.ts): without listClassActions the public page says there are none
  // as of today; without the others the back office has no class-action page.
  recordClassActionCase?(actor: Actor, input: CaseInput): Promise<StoredClassActionCase>;
  addClassActionPublication?(actor: Actor, input: PublicationInput & { caseId: string | number }): Promise<StoredClassActionCase>;
  listClassActions?(): Promise<ClassActionListing>;
  setClassActionStatus?(actor: Actor, input: { caseId: string | number; status: string }): Promise<StoredClassActionCase>;
  correctClassActionCase?(actor: Actor, input: CaseCorrectionInput): Promise<StoredClassActionCase>;
  withdrawClassActionPublication?(actor: Actor, input: { publicationId: string | number; reason: string }): Promise<StoredClassActionCase>;
  // "Mettiamoci la faccia" (satisfaction.action.ts): without issueSatisfactionToken and recordSatisfactionVote no form or
  // widget is served; without summariseSatisfaction Servizi in rete shows no votes; the reasons are for the back office.
  issueSatisfactionToken?(service: string): Promise<string>;
  recordSatisfactionVote?(input: RecordVoteInput): Promise<VoteOutcome>;
  summariseSatisfaction?(query: { year: number }): Promise<SatisfactionSummary>;
  listSatisfactionReasons?(query: { year: number; limit?: number }): Promise<StoredVoteReason[]>;
  /** Every year's votes: the open dataset /opendata/soddisfazione.csv. */
  listSatisfactionHistory?(): Promise<SatisfactionHistory>;
}
