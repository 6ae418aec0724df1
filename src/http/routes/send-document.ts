import type { FastifyReply } from 'fastify';
import type { ExportedDocument } from '../../formats/document-format.ts';

/** Sends an official document as a download: its media type, and a file name of safe characters only. */
export function sendDocument(reply: FastifyReply, document: ExportedDocument): FastifyReply {
  const fileName = document.fileName.replace(/[^A-Za-z0-9._-]/g, '_');
  return reply
    .header('content-type', document.mediaType)
    .header('content-disposition', `attachment; filename="${fileName}"`)
    .header('cache-control', 'no-store')
    .send(Buffer.from(document.bytes.buffer, document.bytes.byteOffset, document.bytes.byteLength));
}
