// Texts about a ricorso are published on a public page (d.lgs. 198/2009 art. 1 c.2, art. 4), and the ricorrenti are
// private persons: a name cannot be told from any other word, but the obvious identifiers can be refused before they are
// stored. This catches the common patterns, not every one: the person publishing still reads what they publish.

export type PersonalDataKind = 'email' | 'tax-code' | 'phone';

export interface PersonalDataMatch {
  kind: PersonalDataKind;
  /** The text as found, so the message can say what to remove. */
  text: string;
}

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/gu;
// Codice fiscale of a person: 6 letters, 2 digits, the month's letter, 2 digits, a letter and 3 digits, a check letter;
// with omocodia any digit may be replaced by one of LMNPQRSTUV.
const TAX_CODE = /(?<![\p{L}\p{N}])[A-Z]{6}[\dLMNP-V]{2}[ABCDEHLMPRST][\dLMNP-V]{2}[A-Z][\dLMNP-V]{3}[A-Z](?![\p{L}\p{N}])/giu;
// Italian phone numbers: with the +39 or 0039 prefix; a mobile number (3xx and 6 or 7 digits); a landline (0 and 5 to
// 10 more digits), spaces, dots or hyphens allowed between groups. Dates (2026-03-15) and case numbers (1234/2026) do
// not start with 3 or 0 followed by enough digits, so they are left alone.
const PHONE = /(?<![\p{L}\p{N}/.-])(?:(?:\+|00)39[ .-]?\d(?:[ .-]?\d){5,10}|3\d{2}[ .-]?\d{3}[ .-]?\d{3,4}|0\d{1,3}[ .-]?\d{2,4}[ .-]?\d{2,5})(?![\p{L}\p{N}/-])/gu;

/** Every obvious personal identifier in a text: e-mail addresses, codici fiscali and phone numbers, in text order. */
export function findPersonalData(text: string): PersonalDataMatch[] {
  const found: (PersonalDataMatch & { at: number })[] = [];
  for (const match of text.matchAll(EMAIL)) found.push({ kind: 'email', text: match[0], at: match.index });
  for (const match of text.matchAll(TAX_CODE)) found.push({ kind: 'tax-code', text: match[0], at: match.index });
  for (const match of text.matchAll(PHONE)) {
    const digits = match[0].replace(/\D/g, '').replace(/^(?:0039|39(?=\d{9,}))/, '');
    // A landline has 6 to 11 digits in all; fewer is a number of something else.
    if (digits.length < 6 || digits.length > 11) continue;
    // Inside an e-mail address already found (name.3331234567@…): one finding is enough.
    if (found.some((f) => f.kind === 'email' && match.index >= f.at && match.index < f.at + f.text.length)) continue;
    found.push({ kind: 'phone', text: match[0].trim(), at: match.index });
  }
  return found.sort((a, b) => a.at - b.at).map(({ kind, text: matched }) => ({ kind, text: matched }));
}
