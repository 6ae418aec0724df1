import type { Generated, Kysely } from 'kysely';

/**
 * The tables as Kysely sees them. Columns are snake_case, as in SQL; repositories map them to
 * domain types. Instants are canonical UTC ISO text ('2026-01-01T00:00:00.000Z') in both
 * dialects, booleans are integers 0/1, and structured cell values are JSON text.
 */
export interface Schema {
  organisations: OrganisationsTable;
  services: ServicesTable;
  cards: CardsTable;
  indicators: IndicatorsTable;
  comparator_overrides: ComparatorOverridesTable;
  events: EventsTable;
  sources: SourcesTable;
  measures: MeasuresTable;
  day_rollups: DayRollupsTable;
  api_tokens: ApiTokensTable;
  data_version: DataVersionTable;
  rollup_queue: RollupQueueTable;
  audit_log: AuditLogTable;
  audit_head: AuditHeadTable;
  indicator_faults: IndicatorFaultsTable;
  accounts: AccountsTable;
  sessions: SessionsTable;
  indicator_slugs: IndicatorSlugsTable;
  edition_justifications: EditionJustificationsTable;
  probes: ProbesTable;
  probe_runs: ProbeRunsTable;
  alert_rules: AlertRulesTable;
  alert_states: AlertStatesTable;
  alert_notifications: AlertNotificationsTable;
  service_profiles: ServiceProfilesTable;
  diffide: DiffideTable;
  diffida_history: DiffidaHistoryTable;
  diffida_counters: DiffidaCountersTable;
  daily_runs: DailyRunsTable;
  maintenance_windows: MaintenanceWindowsTable;
  service_costs: ServiceCostsTable;
  class_action_cases: ClassActionCasesTable;
  class_action_publications: ClassActionPublicationsTable;
  satisfaction_votes: SatisfactionVotesTable;
  satisfaction_salts: SatisfactionSaltsTable;
  satisfaction_token_uses: SatisfactionTokenUsesTable;
}

export interface ApiTokensTable {
  id: Generated<number>;
  /** The source whose events the token may send. */
  source: string;
  /** SHA-256 of the token, lower-case hex: the token itself is never stored. */
  token_hash: string;
  label: string | null;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

/** One row, id 1: bumped in every transaction that changes events, measures or cards (caches key on it). */
export interface DataVersionTable {
  id: number;
  version: number;
  /** Moved by every write of day_rollups: a drain writes what it computed only if no one wrote rollups since. */
  rollup_epoch: Generated<number>;
}

export interface OrganisationsTable {
  id: Generated<number>;
  slug: string;
  name: string;
}

export interface ServicesTable {
  id: Generated<number>;
  organisation_id: number;
  slug: string;
  name: string;
  office: string | null;
  /** RichText as JSON. */
  characteristics_json: string;
  /** RichText as JSON. */
  delivery_mode_json: string;
  /** RichText as JSON. */
  user_types_json: string;
  /** RichText as JSON. */
  diffida_body_json: string;
  /** Link as JSON, or NULL when the card gives no web page. */
  web_address_json: string | null;
  /** Channel[] as JSON. */
  channels_json: string;
  staff: number | null;
  created_at: string;
  updated_at: string;
}

export interface CardsTable {
  id: Generated<number>;
  service_id: number;
  year: number | null;
  /** editionKeyOf(year): the year as text, or 'undated'. */
  edition_key: string;
  source_file: string;
  /** Content hash of the card as stored (service, card and indicators, overrides applied). */
  source_hash: string;
  /** string[] as JSON. */
  notes_json: string;
  rule_text: string | null;
  imported_at: string;
  /** EditionStatus: 'draft', 'approved', 'published', 'superseded' or 'withdrawn'. */
  status: Generated<string>;
  /** The actor who approved it (as the audit log names actors). */
  approved_by: string | null;
  approved_at: string | null;
  /** The act that adopted the card, as written ("Decreto direttoriale n. 12 del 15/01/2027"). */
  act: string | null;
  /** 'YYYY-MM-DD'. */
  in_force_from: string | null;
  published_at: string | null;
  /** When it was superseded or withdrawn. */
  closed_at: string | null;
  close_reason: string | null;
}

/** Every slug an indicator of a service has had, with its stable id: old URLs redirect, old measures files apply. */
export interface IndicatorSlugsTable {
  id: Generated<number>;
  service_id: number;
  slug: string;
  uid: string;
  recorded_at: string;
}

/** Why an edition keeps a valore programmato worse than the edition before, or drops an indicator ("(&)" rule). */
export interface EditionJustificationsTable {
  id: Generated<number>;
  card_id: number;
  indicator_uid: string;
  indicator_slug: string;
  /** 'worsened' or 'removed'. */
  kind: string;
  text: string;
  recorded_by: string;
  recorded_at: string;
}

export interface IndicatorsTable {
  id: Generated<number>;
  card_id: number;
  position: number;
  slug: string;
  dimension: string;
  dimension_key: string;
  subdimension: string | null;
  description: string | null;
  formula: string | null;
  target_text: string;
  target_comparator: string | null;
  target_value: number | null;
  target_unit: string | null;
  target_period: string | null;
  /** 0 or 1. */
  target_measurable: number;
  comparator_reason: string;
  /** 'inferred' or 'override'. */
  comparator_source: string;
  notes: string | null;
  /** 0 or 1. */
  additional: number;
  source_line: number;
  /** The stable id, the same in every edition and across rewording. Written by every save; NULL never stays. */
  uid: string | null;
}

/** A comparator set by a person; keyed by slugs so it outlives re-imports that rebuild ids. */
export interface ComparatorOverridesTable {
  id: Generated<number>;
  service_slug: string;
  edition_key: string;
  indicator_slug: string;
  comparator: string;
  reason: string;
  /** When the current override was set. */
  created_at: string;
}

/** A measurement event as received; (source, event_id) is its idempotency key. */
export interface EventsTable {
  id: Generated<number>;
  source: string;
  event_id: string;
  kind: string;
  subject: string | null;
  occurred_at: string;
  /** 'YYYY-MM-DD': the local date of occurred_at in the administration's time zone. */
  local_date: string;
  /** Record<string, AttributeValue> as JSON. */
  attributes_json: string;
  received_at: string;
}

/** A feed that sends events, with when it last did. */
export interface SourcesTable {
  id: Generated<number>;
  name: string;
  last_event_at: string | null;
  last_received_at: string | null;
  /** The earliest instant of an event it sent (canonical UTC ISO). */
  first_event_at: string | null;
  event_count: number;
}

/** How one indicator is measured. */
export interface MeasuresTable {
  id: Generated<number>;
  indicator_id: number;
  kind: string;
  /** Measure as JSON. */
  definition_json: string;
  updated_at: string;
}

/** One indicator's events of one local day, folded (see domain/evaluation/day-rollup.ts). */
export interface DayRollupsTable {
  indicator_id: number;
  date: string;
  good: number;
  total: number;
  sum: number;
  max: number | null;
  last_at: string | null;
}

/** A day whose rollup waits to be recomputed (see migrations/20261126090000_create_rollup_queue.ts). */
/** An indicator whose rollups could not be computed, and why (the drain records it instead of failing). */
export interface IndicatorFaultsTable {
  indicator_id: number;
  reason: string;
  /** When the fault was first seen (UTC ISO). */
  since: string;
}

export interface RollupQueueTable {
  id: Generated<number>;
  indicator_id: number;
  date: string;
}

/** One change, chained to the one before it (see domain/audit/audit-chain.ts). */
export interface AuditLogTable {
  id: number;
  at: string;
  actor: string;
  actor_kind: string;
  action: string;
  entity_type: string;
  entity_key: string;
  before_json: string | null;
  after_json: string | null;
  prev_hash: string;
  hash: string;
}

/** One row, id 1: the last audit row's id and hash; appends update it, which serialises them. */
export interface AuditHeadTable {
  id: number;
  last_id: number;
  last_hash: string;
}

/** The database or an open transaction: repositories work the same on both. */
export type Queryable = Kysely<Schema>;

/** A back-office account; email lower-cased (unique), password_hash as encoded by domain/accounts/password.ts. */
export interface AccountsTable {
  id: Generated<number>;
  email: string;
  password_hash: string;
  role: string;
  disabled_at: string | null;
  created_at: string;
  updated_at: string;
}

/** A signed-in session; id is the SHA-256 of the cookie's token. */
export interface SessionsTable {
  id: string;
  account_id: number;
  created_at: string;
  expires_at: string;
  last_seen_at: string;
}

export interface ProbesTable {
  name: string;
  kind: string;
  target: string;
  interval_seconds: number;
  timeout_seconds: number;
  retries: number;
  /** ProbeExpectation as JSON. */
  expect_json: string;
  /** 0 or 1. */
  paused: number;
  created_at: string;
  updated_at: string;
}

export interface ProbeRunsTable {
  probe: string;
  /** The slot's start, canonical UTC ISO. */
  slot_at: string;
  taken_at: string;
  /** 0 or 1 once the check ended; null while it runs (or when the instance died during it). */
  ok: number | null;
  error: string | null;
}

export interface AlertRulesTable {
  name: string;
  condition_json: string;
  channel_json: string;
  silenced_until: string | null;
  created_at: string;
}

export interface AlertStatesTable {
  rule: string;
  subject: string;
  /** 0 or 1. */
  firing: number;
  since: string;
}

export interface AlertNotificationsTable {
  id: Generated<number>;
  rule: string;
  subject: string;
  /** "firing", "resolved" or "test". */
  change: string;
  summary: string;
  at: string;
  /** "pending", "sent", "failed" (retries exhausted) or "silenced". */
  outcome: string;
  attempts: number;
  next_attempt_at: string | null;
  error: string | null;
}

/** What the back office sets about a service over its card; NULL falls back to the card (see domain/services). */
export interface ServiceProfilesTable {
  service_id: number;
  name: string | null;
  office: string | null;
  channels_text: string | null;
  diffida_body: string | null;
  diffida_pec: string | null;
  diffida_procedure: string | null;
  web_address: string | null;
  complaint_how: string | null;
  complaint_response_days: number | null;
  /** Euro cents. */
  indemnity_amount_cents: number | null;
  indemnity_conditions: string | null;
  /** The actor, as the audit log names actors. */
  updated_by: string;
  updated_at: string;
}
/** A diffida (d.lgs. 198/2009 art. 3): what the citizen sent and was told, its state and outcome. */
export interface DiffideTable {
  id: Generated<number>;
  /** "D-2026-0001", unique. */
  number: string;
  service_id: number;
  /** The edition in force when it was received, and the standard it names as that edition worded it. */
  edition_key: string | null;
  indicator_slug: string | null;
  standard_text: string | null;
  facts: string;
  claimant_name: string;
  claimant_email: string;
  organo: string;
  organo_pec: string | null;
  /** UTC instant. */
  received_at: string;
  /** The local day of receipt the terms run from. */
  received_on: string;
  state: string;
  outcome: string | null;
  measures: string | null;
  updated_at: string;
  /** UTC instant the personal data were erased at the end of their retention; null while kept. */
  personal_data_erased_at: string | null;
}

/** Each step of a diffida: received, acknowledged, outcome, closed; who and when. */
export interface DiffidaHistoryTable {
  id: Generated<number>;
  diffida_id: number;
  at: string;
  step: string;
  actor: string;
  note: string | null;
}

/** The last number given to a diffida in each year of receipt. */
export interface DiffidaCountersTable {
  year: number;
  last_number: number;
}

export interface MaintenanceWindowsTable {
  id: Generated<number>;
  probe: string;
  reason: string;
  time_json: string;
  created_at: string;
}

/** A service's accounted costs for one year (art. 32 c.2 lett. a d.lgs. 33/2013); amounts in euro cents. */
export interface ServiceCostsTable {
  service_id: number;
  year: number;
  /** bigint: PostgreSQL's driver hands it back as text, repositories make it a number. */
  actual_cents: number | string;
  staff_cents: number | string;
  volume: number | string | null;
  note: string | null;
  source: string | null;
  /** When the year was first recorded; a correction keeps it. */
  created_at: string;
  /** The actor, as the audit log names actors. */
  updated_by: string;
  updated_at: string;
}

/** A ricorso per l'efficienza (d.lgs. 198/2009): where and when it was filed, what about, how far it has gone. */
export interface ClassActionCasesTable {
  id: Generated<number>;
  service_slug: string | null;
  court: string;
  case_number: string | null;
  /** YYYY-MM-DD. */
  filed_on: string;
  subject: string;
  /** notified, decided, complied or closed. */
  status: string;
  /** The actor, as the audit log names actors. */
  created_by: string;
  created_at: string;
  /** Moved by each publication added: the public page's "as of" date. */
  updated_at: string;
}

/** What is published of a case: the notice of the ricorso, the sentence, the measures taken to comply. */
export interface ClassActionPublicationsTable {
  id: Generated<number>;
  case_id: number;
  /** notice, sentence or measures. */
  kind: string;
  /** YYYY-MM-DD. */
  published_on: string;
  text: string;
  document_url: string | null;
  created_by: string;
  created_at: string;
}

/** A "Mettiamoci la faccia" vote: a face for a service on a channel; the client only as a keyed hash of its address and day. */
export interface SatisfactionVotesTable {
  id: Generated<number>;
  service_id: number;
  /** One of SATISFACTION_CHANNELS. */
  channel: string;
  /** positive, neutral or negative. */
  face: string;
  /** At most 500 characters; never published. */
  reason: string | null;
  /** UTC instant, ISO. */
  voted_at: string;
  /** The local day (YYYY-MM-DD) in the administration's time zone. */
  voted_on: string;
  /** HMAC of the client address under the day's salt: one vote per client, service, channel and day. */
  client_key: string;
  /** The event the vote became (source "soddisfazione"). */
  event_id: string;
}

/** The random salt of a local day: client keys and form tokens of that day are made with it. */
export interface SatisfactionSaltsTable {
  day: string;
  salt: string;
}

/** A form token's nonce, once used. */
export interface SatisfactionTokenUsesTable {
  nonce: string;
  used_at: string;
}

/** Each daily duty of `misura serve`, once per local day: whoever inserts the row runs it. */
export interface DailyRunsTable {
  duty: string;
  /** The local day ('YYYY-MM-DD'). */
  day: string;
  /** UTC instant it was claimed. */
  at: string;
}
