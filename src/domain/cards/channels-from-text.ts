import type { Channel, Link, OpeningHours, Weekday } from './card.ts';

// Cards describe their channels in prose ("chiamando il numero gratuito 800 196 196 dal lunedì al venerdì,
// dalle ore 9.00 alle ore 20.00"). These pure functions turn that prose into data; what they cannot
// settle they report as a doubt instead of guessing.

/** Where the words about a service's channels are. */
export interface ChannelSources {
  deliveryMode: string;
  characteristics: string;
  webAddress: Link | null;
  /** Indicator sub-dimensions, descriptions and formulas: they name channels too ("applicazione mobile"). */
  indicatorTexts: readonly string[];
}

export interface ExtractedChannels {
  channels: Channel[];
  /** Staff serving the channels ("16 operatori"), when stated once. */
  staff: number | null;
  /** What the text says but could not be read as data, in plain words. */
  doubts: string[];
}

export interface TimeRange {
  /** "HH:MM" */
  opens: string;
  /** "HH:MM" */
  closes: string;
}

/** A match of an address in a text, with where it sits. */
export interface AddressMatch {
  address: string;
  start: number;
  end: number;
}

const DAY_WORDS: readonly [Weekday, string][] = [
  [1, 'luned[iì]|lun'],
  [2, 'marted[iì]|mar'],
  [3, 'mercoled[iì]|mer'],
  [4, 'gioved[iì]|gio'],
  [5, 'venerd[iì]|ven'],
  [6, 'sabato|sab'],
  [7, 'domenica|dom'],
];
const DAY = `(?:${DAY_WORDS.map(([, words]) => words).join('|')})\\.?`;
const DAY_RANGE = new RegExp(`\\b(?:(?:dal|da|dalla)\\s+)?(?:(?:il|la)\\s+)?(${DAY})(?:\\s+(?:al|a|alla)\\s+|\\s*[-–—/]\\s*)(?:(?:il|la)\\s+)?(${DAY})(?![\\p{L}])`, 'iu');
const DAY_ANY = new RegExp(`\\b(${DAY})(?![\\p{L}])`, 'giu');
const EVERY_DAY = /\b(?:tutti i giorni|ogni giorno|7 giorni su 7|7\s*\/\s*7|sette giorni su sette)\b/i;

const TIME = '(\\d{1,2})(?:[:.,](\\d{2}))?';
const TIME_RANGES = new RegExp(
  `\\bdalle\\s+(?:ore\\s+)?${TIME}\\s*(?:h\\s+)?(?:alle|fino alle)\\s+(?:ore\\s+)?${TIME}(?![\\d])` +
    `|(?<![\\d.:,/])(?:(?:ore|h)\\s*)?${TIME}\\s*[-–—]\\s*${TIME}(?![\\d.:,/]?\\d)`,
  'gi',
);

/** Reads the weekdays a text names: a range ("dal lunedì al venerdì", "lun-ven"), every day, or a list of days. */
export function parseWeekdays(text: string): Weekday[] | null {
  if (EVERY_DAY.test(text)) return [1, 2, 3, 4, 5, 6, 7];
  const range = DAY_RANGE.exec(text);
  if (range) {
    const from = weekdayOf(range[1] ?? '');
    const to = weekdayOf(range[2] ?? '');
    if (from !== null && to !== null) {
      const days: Weekday[] = [];
      // A range may wrap the week ("dal sabato al lunedì").
      for (let day: number = from, n = 0; n < 7; day = (day % 7) + 1, n++) {
        days.push(day as Weekday);
        if (day === to) break;
      }
      return days;
    }
  }
  const listed = [...text.matchAll(DAY_ANY)].map((m) => weekdayOf(m[1] ?? '')).filter((d): d is Weekday => d !== null);
  return listed.length > 0 ? [...new Set(listed)].sort((a, b) => a - b) : null;
}

/** Reads every time range a text gives ("dalle ore 9.00 alle ore 20.00", "dalle 8:30 alle 17", "9-13"). */
export function parseTimeRanges(text: string): TimeRange[] {
  const ranges: TimeRange[] = [];
  for (const m of text.matchAll(TIME_RANGES)) {
    const opens = m[1] !== undefined ? formatTime(m[1], m[2]) : formatTime(m[5] ?? '', m[6]);
    const closes = m[1] !== undefined ? formatTime(m[3] ?? '', m[4]) : formatTime(m[7] ?? '', m[8]);
    if (opens === null || closes === null || opens >= closes) continue;
    if (!ranges.some((r) => r.opens === opens && r.closes === closes)) ranges.push({ opens, closes });
  }
  return ranges;
}

/**
 * Reads the opening hours in a text. OpeningHours holds one time range for a set of days, so two ranges
 * ("9-13 e 14-17") or hours without days give no hours and a doubt rather than a guess.
 */
export function findOpeningHours(text: string): { hours: OpeningHours | null; doubt: string | null } {
  const ranges = parseTimeRanges(text);
  const weekdays = parseWeekdays(text);
  const quoted = quote(text);
  if (ranges.length === 0) return { hours: null, doubt: weekdays ? `days are given (${quoted}) but no hours` : null };
  if (ranges.length > 1) return { hours: null, doubt: `more than one time range (${quoted}): opening hours not recorded` };
  if (weekdays === null) return { hours: null, doubt: `hours are given (${quoted}) but no days` };
  const [range] = ranges as [TimeRange];
  return { hours: { weekdays, opens: range.opens, closes: range.closes }, doubt: null };
}

/** Phone numbers the text offers, as written: only where the words just before say it is a number to call. */
export function findPhoneNumbers(text: string): AddressMatch[] {
  const found: AddressMatch[] = [];
  const candidate = /(?<![\w/.,:])(\+39[\s.]?)?\d{2,4}(?:[\s.-]?\d{2,4}){0,4}(?![\w/]|[.,]\d)/g;
  for (const m of text.matchAll(candidate)) {
    const address = m[0].trim();
    const digits = address.replace(/\D/g, '').slice(m[1] ? 2 : 0);
    if (digits.length < 6 || digits.length > 12) continue;
    // Years, law numbers and counts are digits too: only a number introduced as one to call is a phone.
    if (m[1] === undefined && lastPhoneWord(text.slice(Math.max(0, m.index - 40), m.index)) !== 'phone') continue;
    if (!found.some((f) => f.address.replace(/\D/g, '') === address.replace(/\D/g, ''))) found.push({ address, start: m.index, end: m.index + m[0].length });
  }
  return found;
}

const PHONE_WORDS = /\b(fax|tel|telefon\w*|numer[oi]|chiama\w*|contatta\w*|verde|gratuito|call center|centralino)\b/gi;

/** The last word before a number that says what it is: a phone, a fax, or nothing (null). */
function lastPhoneWord(before: string): 'phone' | 'fax' | null {
  const words = [...before.matchAll(PHONE_WORDS)];
  const last = words[words.length - 1];
  if (!last || /[;\n]/.test(before.slice(last.index))) return null;
  return last[1]?.toLowerCase() === 'fax' ? 'fax' : 'phone';
}

/** E-mail addresses in the text (a sentence's final full stop is not part of one). */
export function findEmailAddresses(text: string): AddressMatch[] {
  const found: AddressMatch[] = [];
  for (const m of text.matchAll(/(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g)) {
    const address = m[0].replace(/\.+$/, '');
    if (!found.some((f) => f.address.toLowerCase() === address.toLowerCase())) found.push({ address, start: m.index, end: m.index + address.length });
  }
  return found;
}

/** The staff count the text states ("16 operatori", "3 addetti"); null when none or when it states different ones. */
export function findStaffCount(text: string): number | null {
  const counts = new Set<number>();
  for (const m of text.matchAll(/\b(\d{1,4})\s+(?:operatori|operatrici|operatore|addett[ie]|unit[aà](?: di personale)?|dipendenti|funzionari|persone|risorse umane)\b/gi)) {
    counts.add(Number(m[1]));
  }
  return counts.size === 1 ? ([...counts][0] ?? null) : null;
}

const SOCIAL_NETWORKS: readonly [string, RegExp][] = [
  ['Facebook', /\bfacebook\b/i],
  ['Twitter', /\btwitter\b/i],
  ['X', /\b(?:su|profilo|account)\s+X\b/],
  ['LinkedIn', /\blinked\s?in\b/i],
  ['Instagram', /\binstagram\b/i],
  ['YouTube', /\byou\s?tube\b/i],
  ['TikTok', /\btik\s?tok\b/i],
  ['Telegram', /\btelegram\b/i],
  ['WhatsApp', /\bwhats\s?app\b/i],
  ['Threads', /\bthreads\b/i],
];

/** The social networks a text names, in a fixed order; "social network" alone names none. */
export function findSocialNetworks(text: string): string[] {
  return SOCIAL_NETWORKS.filter(([, pattern]) => pattern.test(text)).map(([name]) => name);
}

/** True when the text speaks of social networks, named or not. */
export function mentionsSocialNetworks(text: string): boolean {
  return /\bsocial(?:\s+network|\s+media)?\b|\breti sociali\b/i.test(text) || findSocialNetworks(text).length > 0;
}

/** True when the text speaks of a mobile app ("applicazione mobile", "applicazione per Iphone", "app IO"). */
export function mentionsMobileApp(text: string): boolean {
  return /\bapplicazion[ei]\s+(?:mobile|mobili|per\s+(?:i?phone|android|smartphone|tablet|dispositivi mobili|ios))\b|\bapp(?:\s+mobile)?\b|\b(?:app store|google play|play store)\b/i.test(text);
}

/** True when the delivery mode says the service is given on-line. */
export function mentionsOnlineDelivery(text: string): boolean {
  return /\bon[\s-]?line\b|\btelematic[ao]\b|\bvia web\b|\bportale\b/i.test(text);
}

/** Builds a service's channels and staff from the card's words. */
export function extractChannels(sources: ChannelSources): ExtractedChannels {
  const doubts: string[] = [];
  const channels: Channel[] = [];
  const add = (channel: Omit<Channel, 'key'> & { key: string }) => channels.push({ ...channel, key: uniqueKey(channel.key, channels) });
  const prose = [sources.deliveryMode, sources.characteristics];
  const everything = [...prose, ...sources.indicatorTexts].join('\n');

  if (sources.webAddress) add({ key: 'web', kind: 'web', label: 'Sito web', address: sources.webAddress.href, hours: null });
  else if (mentionsOnlineDelivery(sources.deliveryMode)) add({ key: 'web', kind: 'web', label: 'Sito web', address: null, hours: null });

  if (mentionsMobileApp(everything)) add({ key: 'app', kind: 'app', label: 'Applicazione mobile', address: null, hours: null });

  const seenPhones = new Set<string>();
  const seenEmails = new Set<string>();
  for (const text of prose) {
    const phones = findPhoneNumbers(text);
    const emails = findEmailAddresses(text);
    const addresses = [...phones, ...emails].sort((a, b) => a.start - b.start);
    for (const phone of phones) {
      const digits = phone.address.replace(/\D/g, '');
      if (seenPhones.has(digits)) continue;
      seenPhones.add(digits);
      const { hours, doubt } = hoursAround(text, phone, addresses);
      if (doubt) doubts.push(`phone ${phone.address}: ${doubt}`);
      add({ key: 'phone', kind: 'phone', label: 'Telefono', address: phone.address, hours });
    }
    for (const email of emails) {
      if (seenEmails.has(email.address.toLowerCase())) continue;
      seenEmails.add(email.address.toLowerCase());
      // No hours for e-mail: a message can be sent at any time; it is answered in service hours,
      // and how fast is for a measure to decide, not for the channel.
      add({ key: 'email', kind: 'email', label: 'E-mail', address: email.address, hours: null });
    }
  }

  if (mentionsSocialNetworks(everything)) {
    const names = findSocialNetworks(everything);
    add({ key: 'social', kind: 'social', label: names.length > 0 ? `Social network (${names.join(', ')})` : 'Social network', address: null, hours: null });
  }

  const staffTexts = prose.map((text) => findStaffCount(text)).filter((n): n is number => n !== null);
  const staff = new Set(staffTexts).size === 1 ? (staffTexts[0] ?? null) : null;
  if (new Set(staffTexts).size > 1) doubts.push(`different staff counts (${staffTexts.join(', ')}): staff not recorded`);
  return { channels, staff, doubts };
}

/**
 * The hours said of one address: first the words after it up to the next address or the end of the
 * sentence ("800 196 196 dal lunedì al venerdì, dalle 9 alle 20"), else the words before it.
 */
function hoursAround(text: string, address: AddressMatch, addresses: readonly AddressMatch[]): { hours: OpeningHours | null; doubt: string | null } {
  const next = addresses.find((a) => a.start >= address.end);
  const previous = [...addresses].reverse().find((a) => a.end <= address.start);
  const sentenceEnd = findSentenceEnd(text, address.end);
  const after = text.slice(address.end, Math.min(next?.start ?? text.length, sentenceEnd));
  const found = findOpeningHours(after);
  if (found.hours || found.doubt) return found;
  const before = text.slice(Math.max(previous?.end ?? 0, findSentenceStart(text, address.start)), address.start);
  return findOpeningHours(before);
}

// A sentence ends at ".", "!" or "?" followed by a capital letter, so "ore 9.00" and "tel. 06" never end one.
const SENTENCE_BREAK = /[.!?]\s+(?=\p{Lu})|\n/gu;

function findSentenceEnd(text: string, from: number): number {
  SENTENCE_BREAK.lastIndex = from;
  const m = SENTENCE_BREAK.exec(text);
  return m ? m.index : text.length;
}

function findSentenceStart(text: string, before: number): number {
  let start = 0;
  for (const m of text.matchAll(SENTENCE_BREAK)) {
    if (m.index >= before) break;
    start = m.index + m[0].length;
  }
  return start;
}

function quote(text: string): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return `"${t.length > 80 ? `${t.slice(0, 79)}…` : t}"`;
}

function weekdayOf(word: string): Weekday | null {
  const w = word.toLowerCase().replace(/\.$/, '');
  for (const [day, words] of DAY_WORDS) if (new RegExp(`^(?:${words})$`, 'i').test(w)) return day;
  return null;
}

function formatTime(hours: string, minutes: string | undefined): string | null {
  const h = Number(hours);
  const m = minutes === undefined ? 0 : Number(minutes);
  if (!Number.isInteger(h) || h > 24 || m > 59 || (h === 24 && m > 0)) return null;
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
}

function uniqueKey(key: string, channels: readonly Channel[]): string {
  if (!channels.some((c) => c.key === key)) return key;
  let n = 2;
  while (channels.some((c) => c.key === `${key}-${n}`)) n++;
  return `${key}-${n}`;
}
