import { readFile } from 'node:fs/promises';
import type { FastifyInstance } from 'fastify';
import { PageNotFoundError } from '../page-errors.ts';
import { logoUrlOf } from '../render.ts';

const CONTENT_TYPES: Record<string, string> = { svg: 'image/svg+xml', png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', webp: 'image/webp' };

/**
 * The administration's logo (MISURA_PA_LOGO) at /static/pa/logo.<ext>. Read on each request (it is small and cached by
 * browsers for an hour), so replacing the file needs no restart; a missing file is a 404, which `misura doctor` flags.
 */
export function registerLogoRoute(app: FastifyInstance, logoPath: string | null): void {
  const url = logoUrlOf(logoPath);
  if (logoPath === null || url === null) return;
  const extension = url.slice(url.lastIndexOf('.') + 1);
  app.get(url, async (_request, reply) => {
    let body: Buffer;
    try {
      body = await readFile(logoPath);
    } catch {
      throw new PageNotFoundError('the administration logo');
    }
    // An SVG may hold scripts: served as an image under its own policy, it can never run them.
    return reply
      .type(CONTENT_TYPES[extension] ?? 'application/octet-stream')
      .header('cache-control', 'public, max-age=3600')
      .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'")
      .send(body);
  });
}
