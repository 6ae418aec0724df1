import type { Target } from './target.ts';

/** Text taken from a card cell: plain words, with the links the cell held kept apart. */
export interface RichText {
  text: string;
  links: Link[];
}

export interface Link {
  text: string;
  href: string;
}

/** Where a value came from in the source file, so every message can point at it. */
export interface SourceLocation {
  file: string;
  /** 1-based line in the file. */
  line: number;
}

/** The public administration (PA) that publishes the cards. */
export interface Organisation {
  slug: string;
  name: string;
}

/** A day of the week, ISO numbering: 1 = Monday … 7 = Sunday. */
export type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

/** When a channel answers: the same hours on each listed weekday, local time (Europe/Rome). */
export interface OpeningHours {
  weekdays: Weekday[];
  /** "HH:MM", 24h. */
  opens: string;
  /** "HH:MM", 24h; the closing minute itself is outside service hours. */
  closes: string;
}

export type ChannelKind = 'web' | 'app' | 'phone' | 'email' | 'social' | 'desk' | 'other';

/** A way users reach the service; measures refer to channels by `key`. */
export interface Channel {
  key: string;
  kind: ChannelKind;
  label: string;
  /** A URL, a phone number or an e-mail address. */
  address: string | null;
  hours: OpeningHours | null;
}

/** The public service a card describes. "Service" here is the domain noun, never a code layer. */
export interface Service {
  slug: string;
  name: string;
  /** The office (direzione generale, ufficio) in charge, as the card names it. */
  office: string | null;
  characteristics: RichText;
  deliveryMode: RichText;
  userTypes: RichText;
  /** The organo cui notificare la preventiva diffida (art. 3 c.1 d.lgs. 198/2009). */
  diffidaBody: RichText;
  webAddress: Link | null;
  channels: Channel[];
  /** Staff serving the channels, when the card says so (e.g. "16 operatori"). */
  staff: number | null;
}

/** One row of the card table: a dimension, an indicator and its valore programmato. */
export interface Indicator {
  /** 1-based order in the card; stable identity of the indicator inside its card. */
  position: number;
  /** Readable, unique inside the card; used in URLs and files. */
  slug: string;
  /** The dimension as written (cleaned of markup and of the "(*)" mark). */
  dimension: string;
  /** The CIVIT dimension it maps to, or a slug of the free one. */
  dimensionKey: string;
  subdimension: string | null;
  description: string | null;
  formula: string | null;
  target: Target;
  notes: string | null;
  /** An additional dimension (delibera 3/2012): marked "(*)" or known as one. */
  additional: boolean;
  source: SourceLocation;
}

/** The yearly edition of a service's standard card. */
export interface StandardCard {
  /** null when the card states no year and none was given: an undated edition. */
  year: number | null;
  service: Service;
  indicators: Indicator[];
  /** Footnotes and notes under the table, as plain paragraphs (the "(*)" and "(&)" texts among them). */
  notes: string[];
  /** The "(&)" rule as the card words it, when present: a valore programmato may never be worse than an earlier one. */
  ruleText: string | null;
  source: { file: string };
}

/** Key of an edition: its year, or "undated". */
export function editionKeyOf(year: number | null): string {
  return year === null ? 'undated' : String(year);
}
