import type { FastifyRequest } from 'fastify';
import { parseBaseUrl } from '../../config/config.ts';
import { UserError } from '../../domain/shared/errors.ts';

/** A host name or IPv4/IPv6 address with an optional port: nothing else may come from a Host header into a URL. */
const HOST = /^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i;

/** A configured public base URL ("https://dati.example.gov.it/misura"), checked, without a trailing slash. */
export function checkBaseUrl(configured: string): string {
  return parseBaseUrl(configured, 'the open data base URL');
}

/**
 * The absolute base of the site's URLs: the configured one, else the request's scheme and host (the proxy's
 * X-Forwarded-* headers count only when the app trusts the proxy). A malformed Host header is a UserError (400).
 */
export function baseUrlOf(request: FastifyRequest, configured: string | undefined): string {
  if (configured !== undefined) return configured;
  const host = request.host;
  if (!HOST.test(host)) throw new UserError(`the Host header "${host.slice(0, 100)}" is not a host name`, { field: 'Host' });
  // URL drops a default port (":80" on http) and lower-cases the host.
  return new URL(`${request.protocol}://${host}`).origin;
}
