/** An amount read from text: its cents, or why it is not one. */
export type ParsedAmount = { kind: 'cents'; cents: number } | { kind: 'negative' } | { kind: 'too-large' } | { kind: 'invalid' };

/**
 * An amount in euro as Italian administrations write it, in cents: "1.250.000,50", "€ 12.345", "12345,5", "0",
 * "1 250 000", "12.345,00 euro". A comma is the decimal mark and dots group thousands; without a comma, dots in groups
 * of three are thousands ("1.250" is one thousand two hundred and fifty) and a single dot before one or two digits is
 * the decimal mark ("12.5"), as a spreadsheet exports it. More than two decimals is refused, not rounded.
 */
export function parseEuroAmount(text: string, maxCents: number): ParsedAmount {
  let bare = text.replace(/€|\beuro\b|\beur\b/gi, '').replace(/[\s\u00a0\u202f]+/g, '');
  let negative = false;
  if (/^[-−]/.test(bare)) {
    negative = true;
    bare = bare.slice(1);
  }
  let whole: string;
  let fraction = '';
  const withComma = /^(\d{1,3}(?:\.\d{3})+|\d+),(\d{1,2})$/.exec(bare);
  if (withComma !== null) {
    whole = withComma[1] ?? '';
    fraction = withComma[2] ?? '';
  } else if (/^\d{1,3}(?:\.\d{3})+$/.test(bare)) {
    whole = bare;
  } else {
    const plain = /^(\d+)(?:\.(\d{1,2}))?$/.exec(bare);
    if (plain === null) return { kind: 'invalid' };
    whole = plain[1] ?? '';
    fraction = plain[2] ?? '';
  }
  const digits = whole.replaceAll('.', '').replace(/^0+(?=\d)/, '');
  // Compared as text first: a number of twenty digits is no longer exact as a double.
  if (digits.length > String(Math.floor(maxCents / 100)).length) return negative ? { kind: 'negative' } : { kind: 'too-large' };
  const cents = Number(digits) * 100 + Number(fraction.padEnd(2, '0'));
  if (negative && cents > 0) return { kind: 'negative' };
  if (cents > maxCents) return { kind: 'too-large' };
  return { kind: 'cents', cents };
}
