/**
 * A link target taken from a card, or null when it is not a plain web, mail or phone address. Card
 * text comes from files people edit: a "javascript:" or "data:" link must never reach a page.
 */
export function safeHref(href: string | null | undefined): string | null {
  if (href === null || href === undefined) return null;
  const trimmed = href.trim();
  if (/^(https?:\/\/|mailto:|tel:)/i.test(trimmed) && !/[\s<>"]/.test(trimmed)) return trimmed;
  return null;
}

/** The href for a channel's address: URLs as they are, e-mail addresses as mailto:, phone numbers as tel:. */
export function channelHref(address: string | null): string | null {
  if (address === null) return null;
  const trimmed = address.trim();
  if (/^https?:\/\//i.test(trimmed)) return safeHref(trimmed);
  if (/^[^\s@<>"]+@[^\s@<>"]+\.[a-z]{2,}$/i.test(trimmed)) return `mailto:${trimmed}`;
  const digits = trimmed.replace(/[\s./-]/g, '');
  if (/^\+?\d{3,15}$/.test(digits)) return `tel:${digits}`;
  if (/^www\./i.test(trimmed) && !/[\s<>"]/.test(trimmed)) return `https://${trimmed}`;
  return null;
}
