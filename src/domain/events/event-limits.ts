/**
 * How big one event may be. Every reader refuses a row beyond these on its line and field, before anything is built
 * from it: one hostile line must cost the server no more than a real one.
 */
export const EVENT_LIMITS = {
  /** Characters of an id, a source or a subject. */
  keyLength: 500,
  /** Characters of a kind ("call.received"). */
  kindLength: 100,
  /** Attributes of one event. */
  attributes: 50,
  /** Characters of an attribute's name. */
  attributeNameLength: 100,
  /** Characters of an attribute's text value. */
  textLength: 500,
  /**
   * Levels of nesting of an event as JSON: the event object, then its attributes object, whose values are scalars.
   * A line nested deeper is refused on the field that holds the list or object.
   */
  depth: 2,
  /**
   * Levels of nesting beyond which a JSON line (or item of a JSON array) is refused before it is parsed at all: deep
   * nesting is what makes parsing slow and printing recursive, and no event comes near it.
   */
  parseDepth: 8,
  /**
   * Characters of one NDJSON line (or CSV record): what the longest event within the limits above can take, every
   * character written as a \u escape, and some room.
   */
  lineLength: 262_144,
} as const;
