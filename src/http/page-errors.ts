/** Thrown by a page handler when what the URL names does not exist: the error handler answers 404. */
export class PageNotFoundError extends Error {
  constructor(what: string) {
    super(`not found: ${what}`);
    this.name = 'PageNotFoundError';
  }
}
