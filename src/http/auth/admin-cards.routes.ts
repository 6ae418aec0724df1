import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { applyReviewEdits, DraftMeasuresRefused, parseReviewedCards, type CardReview, type DraftEdits } from '../../actions/card-review.action.ts';
import type { IndicatorEdit } from '../../domain/cards/card-edit.ts';
import { UserError } from '../../domain/shared/errors.ts';
import { localePath, type Locale } from '../i18n/locale.ts';
import { AdminCardReviewPage, AdminCardUploadPage, EDITABLE_FIELDS, type EditableField } from '../pages/admin-card-review.page.tsx';
import { loadPageContext, sendHtml } from '../render.ts';
import type { SiteDeps } from '../site-settings.ts';
import { csrfCheckOf, fieldOf } from './admin-forms.ts';

/** The actions the card pages call. */
export type CardReviewActions = Required<Pick<SiteDeps['actions'], 'reviewCardUpload' | 'reviewDraft' | 'saveReviewedCards' | 'saveDraftEdits'>>;

/** Largest card file accepted: the biggest real card seen is a 3 MB PDF. */
const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;

interface UploadedFile {
  filename: string;
  bytes: Uint8Array;
}

function isUploadedFile(value: unknown): value is UploadedFile {
  return typeof value === 'object' && value !== null && (value as UploadedFile).bytes instanceof Uint8Array;
}

/** The corrected cells of a review form ("c<card>.<position>.<field>"), by card and row. */
function editsOf(body: unknown): Map<number, Map<number, IndicatorEdit>> {
  const edits = new Map<number, Map<number, IndicatorEdit>>();
  if (typeof body !== 'object' || body === null) return edits;
  for (const [name, value] of Object.entries(body)) {
    const match = /^c(\d+)\.(\d+)\.(\w+)$/.exec(name);
    if (match === null || typeof value !== 'string' || !(EDITABLE_FIELDS as readonly string[]).includes(match[3] ?? '')) continue;
    const card = Number(match[1]);
    const position = Number(match[2]);
    const rows = edits.get(card) ?? new Map<number, IndicatorEdit>();
    rows.set(position, { ...rows.get(position), [match[3] as EditableField]: value });
    edits.set(card, rows);
  }
  return edits;
}

/** The notes of each card as typed ("c<card>.notes"), by card. */
function notesOf(body: unknown): Map<number, string> {
  const notes = new Map<number, string>();
  if (typeof body !== 'object' || body === null) return notes;
  for (const [name, value] of Object.entries(body)) {
    const match = /^c(\d+)\.notes$/.exec(name);
    if (match !== null && typeof value === 'string') notes.set(Number(match[1]), value);
  }
  return notes;
}

/** The measures typed in the editor of a draft ("m.<position>"), by indicator position. */
function measuresOf(body: unknown): Map<number, string> {
  const measures = new Map<number, string>();
  if (typeof body !== 'object' || body === null) return measures;
  for (const [name, value] of Object.entries(body)) {
    const match = /^m\.(\d+)$/.exec(name);
    if (match !== null && typeof value === 'string') measures.set(Number(match[1]), value);
  }
  return measures;
}

/**
 * The reviewer's answers to unsure matches: fields "same:<card>:<indicator slug>" holding the earlier indicator's
 * stable id, or "new". Keyed "service slug/indicator slug", as the import takes them.
 */
function decisionsOf(body: unknown, serviceSlugs: readonly string[]): Map<string, string | null> {
  const decisions = new Map<string, string | null>();
  if (typeof body !== 'object' || body === null) return decisions;
  for (const [name, value] of Object.entries(body)) {
    const match = /^same:(\d+):(.+)$/.exec(name);
    const service = match === null ? undefined : serviceSlugs[Number(match[1])];
    if (match === null || service === undefined || typeof value !== 'string' || value === '') continue;
    decisions.set(`${service}/${match[2] ?? ''}`, value === 'new' ? null : value);
  }
  return decisions;
}

/**
 * /admin/carte: upload a card file → the review screen (every doubtful cell beside its input, nothing saved) → save
 * as a draft; and the editor of a stored draft, the same screen. Drafts are then approved on /admin/edizioni.
 */
export function registerAdminCardRoutes(scope: FastifyInstance, deps: SiteDeps, actions: CardReviewActions, locale: Locale): void {
  void scope.register(multipart, {
    attachFieldsToBody: 'keyValues',
    limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 10 },
    // Keep the file's name beside its bytes: it names the file in every message, and hints at the format of text files.
    onFile: async (part) => {
      (part as unknown as { value: UploadedFile }).value = { filename: part.filename, bytes: new Uint8Array(await part.toBuffer()) };
    },
  });
  const csrf = csrfCheckOf(scope);

  const showReview = async (request: FastifyRequest, reply: FastifyReply, mode: 'upload' | 'edit', review: CardReview, status = 200, refused?: string) => {
    const { ctx } = await loadPageContext(request, deps);
    return sendHtml(
      reply,
      AdminCardReviewPage({
        ctx,
        csrfToken: reply.generateCsrf(),
        mode,
        cards: review.cards,
        findings: review.findings,
        unsure: review.unsure,
        ...(review.draft === undefined ? {} : { draft: review.draft }),
        ...(refused === undefined ? {} : { refused }),
      }),
      status,
    );
  };
  const showUpload = async (request: FastifyRequest, reply: FastifyReply, status: number, refused?: string) => {
    const { ctx } = await loadPageContext(request, deps);
    return sendHtml(reply, AdminCardUploadPage({ ctx, csrfToken: reply.generateCsrf(), ...(refused === undefined ? {} : { refused }) }), status);
  };

  scope.get('/admin/carte/carica', async (request, reply) => showUpload(request, reply, 200));

  scope.post('/admin/carte/carica', csrf, async (request, reply) => {
    const file = (request.body as Record<string, unknown> | undefined)?.file;
    const yearText = fieldOf(request.body, 'year').trim();
    try {
      if (!isUploadedFile(file) || file.bytes.length === 0) throw new UserError('choose a card file to upload', { field: 'file' });
      if (yearText !== '' && !/^\d{4}$/.test(yearText)) throw new UserError(`"${yearText}" is not a year`, { field: 'year' });
      const review = await actions.reviewCardUpload(file.bytes, { file: file.filename, ...(yearText === '' ? {} : { year: Number(yearText) }) });
      return await showReview(request, reply, 'upload', review);
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
      return showUpload(request, reply, 422, error.message);
    }
  });

  scope.get<{ Querystring: { service?: string; edition?: string } }>('/admin/carte/modifica', async (request, reply) => {
    const { service, edition } = request.query;
    if (typeof service !== 'string' || typeof edition !== 'string') {
      const { ctx } = await loadPageContext(request, deps);
      return sendHtml(reply, AdminCardUploadPage({ ctx, csrfToken: reply.generateCsrf(), refused: ctx.messages.noDraftChosen }), 200);
    }
    try {
      return await showReview(request, reply, 'edit', await actions.reviewDraft({ service, edition }));
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
      return showUpload(request, reply, 422, error.message);
    }
  });

  /** The editor of a stored draft saved: cells, notes and measures at once, or nothing with the reasons beside the fields. */
  const saveDraft = async (request: FastifyRequest, reply: FastifyReply, draft: { service: string; edition: string }) => {
    const typed: DraftEdits = { cells: editsOf(request.body).get(0) ?? new Map(), measures: measuresOf(request.body), ...(notesOf(request.body).has(0) ? { notes: notesOf(request.body).get(0) ?? '' } : {}) };
    try {
      if (request.actor === undefined) throw new Error('an admitted back-office form without an actor');
      await actions.saveDraftEdits(request.actor, draft, typed);
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
      let review: CardReview;
      try {
        // Shown again as the person typed it, from the stored draft (an edition no longer a draft cannot be).
        review = await actions.reviewDraft(draft, typed);
      } catch (again) {
        if (!(again instanceof UserError)) throw again;
        return showUpload(request, reply, 422, error.message);
      }
      const refusals = error instanceof DraftMeasuresRefused ? error.refusals : undefined;
      const shown = review.draft === undefined || refusals === undefined ? review : { ...review, draft: { ...review.draft, refusals } };
      return showReview(request, reply, 'edit', shown, 422, error.message);
    }
    return reply.redirect(`${localePath(locale, '/admin/edizioni')}?fatto=saved`, 303);
  };

  scope.post('/admin/carte/salva', csrf, async (request, reply) => {
    const service = fieldOf(request.body, 'service');
    const edition = fieldOf(request.body, 'edition');
    if (service !== '' && edition !== '') return saveDraft(request, reply, { service, edition });
    let cards;
    try {
      cards = parseReviewedCards(fieldOf(request.body, 'cards'));
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
      return showUpload(request, reply, 422, error.message);
    }
    const edits = editsOf(request.body);
    const notes = notesOf(request.body);
    try {
      if (request.actor === undefined) throw new Error('an admitted back-office form without an actor');
      await actions.saveReviewedCards(request.actor, cards, edits, decisionsOf(request.body, cards.map((imported) => imported.card.service.slug)), notes);
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
      // Shown again with what the person typed, and why it was refused.
      const typed = applyReviewEdits(cards, edits, notes);
      return showReview(request, reply, 'upload', { cards: typed, findings: typed.map(() => []), unsure: typed.map(() => []) }, 422, error.message);
    }
    return reply.redirect(`${localePath(locale, '/admin/edizioni')}?fatto=saved`, 303);
  });
}
