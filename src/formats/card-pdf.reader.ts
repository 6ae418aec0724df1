import { CardReadError } from '../domain/cards/card-read-error.ts';
import type { CardDocument } from './card-document.ts';

export function readPdf(_bytes: Uint8Array, file: string): Promise<CardDocument> {
  return Promise.reject(new CardReadError('unsupported-format', 'todo', { file }));
}
