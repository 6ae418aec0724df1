import type { ImportedCard } from '../../domain/cards/imported-card.ts';
import type { UnsureMatch } from '../../actions/import-cards.action.ts';
import type { DraftInEditor } from '../../actions/card-review.action.ts';
import { cardNotesText } from '../../domain/cards/card-edit.ts';
import type { Indicator } from '../../domain/cards/card.ts';
import { CIVIT_DIMENSIONS, isDimensionUnstated } from '../../domain/cards/dimension.ts';
import type { Finding } from '../../domain/cards/finding.ts';
import { localePath } from '../i18n/locale.ts';
import { Layout } from './layout.tsx';
import { dataLang, type PageContext } from './page-context.ts';

export interface AdminCardReviewPageProps {
  ctx: PageContext;
  csrfToken: string;
  /** 'upload': a file just read, nothing saved; 'edit': a stored draft. */
  mode: 'upload' | 'edit';
  cards: readonly ImportedCard[];
  /** Per card (same order), what the reader doubted and the checker found. */
  findings: readonly Finding[][];
  /** Per card, rows that may be an indicator of the edition before: the reviewer answers (absent: kept apart). */
  unsure?: readonly UnsureMatch[][];
  /** Why the last save was refused. */
  refused?: string;
  /** In the editor of a stored draft: its edition and each indicator's measure, to edit beside the row. */
  draft?: DraftInEditor;
}

/** The cells a person may correct, in the order of the row; the row's notes are a text area. */
export const EDITABLE_FIELDS = ['dimension', 'subdimension', 'description', 'formula', 'target', 'notes'] as const;
export type EditableField = (typeof EDITABLE_FIELDS)[number];

/** The form field of one cell: card index, row position, column. */
export function cellName(card: number, position: number, field: EditableField): string {
  return `c${card}.${position}.${field}`;
}

/** The form field of a card's notes. */
export function cardNotesName(card: number): string {
  return `c${card}.notes`;
}

/** The form field of an indicator's measure in the editor of a draft (one card), by row position. */
export function measureName(position: number): string {
  return `m.${position}`;
}

/** The id of the one list of CIVIT dimensions every dimension input offers. */
const DIMENSIONS_LIST_ID = 'civit-dimensions';

/** A cell as the person sees it: the dimension the document did not state is an empty input, to fill. */
function cellValue(indicator: Indicator, field: EditableField): string {
  if (field === 'target') return indicator.target.text;
  if (field === 'dimension') return isDimensionUnstated(indicator.dimensionKey) ? '' : indicator.dimension;
  return indicator[field] ?? '';
}

/** Findings the linter places on the card's notes rather than on a row. */
const NOTES_FIELDS: readonly (string | null)[] = ['notes', 'ruleText'];

/** Enough rows to show a text whole, within reason. */
function rowsFor(text: string, least: number): number {
  return Math.min(Math.max(text.split('\n').length + 1, least), 24);
}

/**
 * The review screen of an upload, and the editor of a draft: every row of every card with its cells in inputs, and
 * each doubt or finding beside the cell it concerns, so that a person fixes them before anything is saved.
 */
export function AdminCardReviewPage(props: AdminCardReviewPageProps): JSX.Element {
  const { ctx } = props;
  const m = ctx.messages;
  const lang = dataLang(ctx);
  const title = props.mode === 'upload' ? m.reviewTitle : m.editTitle;
  const labels: Record<EditableField, string> = { dimension: m.dimension, subdimension: m.subdimension, description: m.indicator, formula: m.formula, target: m.target, notes: m.editorRowNotes };
  const { draft } = props;
  return (
    <Layout ctx={ctx} title={title} breadcrumb={[{ label: m.adminTitle, href: '/admin' }, { label: title }]} section="none">
      <h1>{title}</h1>
      <p>{props.mode === 'upload' ? m.reviewIntro : m.editIntro}</p>
      {props.refused === undefined ? '' : (
        <div class="alert alert-danger" role="alert" id="card-refused">
          <strong>{`${m.uploadRefused}: `}</strong>
          {draft?.refusals !== undefined && draft.refusals.size > 0 ? <span>{m.editorMeasuresRefused(draft.refusals.size)}</span> : <span safe>{props.refused}</span>}
        </div>
      )}
      <form method="post" action={localePath(ctx.locale, '/admin/carte/salva')}>
        <input type="hidden" name="_csrf" value={props.csrfToken} />
        {draft === undefined ? (
          <input type="hidden" name="cards" value={JSON.stringify(props.cards)} />
        ) : (
          <>
            {/* The editor saves the stored draft itself: only its address travels, never a copy of the card. */}
            <input type="hidden" name="service" value={draft.service} />
            <input type="hidden" name="edition" value={draft.edition} />
          </>
        )}
        {/* Offered by every dimension input (list=…): the person may also write a dimension of the card's own. */}
        <datalist id={DIMENSIONS_LIST_ID}>
          {CIVIT_DIMENSIONS.map((entry) => <option value={entry.label} />)}
        </datalist>
        {props.cards.map((imported, index) => {
          const { card } = imported;
          const findings = props.findings[index] ?? [];
          const onRow = (line: number) => findings.filter((f) => f.line === line);
          const unplaced = findings.filter((f) => f.line === null || !card.indicators.some((i) => i.source.line === f.line));
          const onNotes = unplaced.filter((f) => NOTES_FIELDS.includes(f.field));
          const general = unplaced.filter((f) => !NOTES_FIELDS.includes(f.field));
          const notesId = cardNotesName(index).replaceAll('.', '-');
          const notesText = cardNotesText(card);
          return (
            <section class="mb-5" aria-labelledby={`card-${index}`}>
              <h2 class="h4" id={`card-${index}`}>
                <span lang={lang} safe>{card.service.name}</span>
                {` — ${card.year ?? m.undatedEdition}`}
              </h2>
              {general.length === 0 ? '' : (
                <>
                  <h3 class="h5">{m.cardFindings}</h3>
                  <ul class="card-findings">
                    {general.map((f) => <li safe>{`${f.severity}: ${f.message}`}</li>)}
                  </ul>
                </>
              )}
              {card.indicators.map((indicator) => {
                const here = onRow(indicator.source.line);
                const question = props.unsure?.[index]?.find((u) => u.slug === indicator.slug);
                return (
                  <fieldset class={`review-row mb-4${here.length > 0 ? ' review-row-doubtful' : ''}`}>
                    <legend class="h6">
                      {m.rowHeading(indicator.position)}
                      {' — '}
                      {isDimensionUnstated(indicator.dimensionKey) ? <span>{m.unstatedDimension}</span> : <span lang={lang} safe>{indicator.dimension}</span>}
                    </legend>
                    {EDITABLE_FIELDS.map((field) => {
                      const id = cellName(index, indicator.position, field).replaceAll('.', '-');
                      const value = cellValue(indicator, field);
                      const about = here.filter((f) => f.field === field || (field === 'target' && f.field === null));
                      const common = {
                        class: `form-control${about.length > 0 ? ' is-invalid' : ''}`,
                        id,
                        name: cellName(index, indicator.position, field),
                        ...(about.length > 0 ? { 'aria-describedby': `${id}-doubt` } : {}),
                      };
                      return (
                        <div class="form-group mb-2">
                          <label for={id} class="active">{labels[field]}</label>
                          {field === 'notes' ? <textarea {...common} rows={String(rowsFor(value, 2))} safe>{value}</textarea> : <input type="text" {...common} {...(field === 'dimension' ? { list: DIMENSIONS_LIST_ID } : {})} value={value} />}
                          {about.length === 0 ? '' : (
                            <p class="doubtful-cell mb-0" id={`${id}-doubt`} safe>{`${m.doubtfulCell}: ${about.map((f) => f.message).join(' ')}`}</p>
                          )}
                        </div>
                      );
                    })}
                    {draft === undefined ? '' : <MeasureBox ctx={ctx} draft={draft} position={indicator.position} findings={here.filter((f) => f.field === 'measure')} />}
                    {question === undefined ? '' : (
                      <fieldset class="unsure-match mt-2">
                        <legend class="h6" safe>{m.unsureQuestion(question.candidate)}</legend>
                        <div class="form-check">
                          <input class="form-check-input" type="radio" name={`same:${index}:${indicator.slug}`} id={`same-${index}-${indicator.slug}-yes`} value={question.candidateUid} />
                          <label class="form-check-label" for={`same-${index}-${indicator.slug}-yes`}>{m.unsureSame}</label>
                        </div>
                        <div class="form-check">
                          <input class="form-check-input" type="radio" name={`same:${index}:${indicator.slug}`} id={`same-${index}-${indicator.slug}-no`} value="new" checked />
                          <label class="form-check-label" for={`same-${index}-${indicator.slug}-no`}>{m.unsureNew}</label>
                        </div>
                      </fieldset>
                    )}
                  </fieldset>
                );
              })}
              <div class="form-group mb-4">
                <label for={notesId} class="active">{m.editorCardNotes}</label>
                <textarea
                  class={`form-control${onNotes.length > 0 ? ' is-invalid' : ''}`}
                  id={notesId}
                  name={cardNotesName(index)}
                  rows={String(rowsFor(notesText, 4))}
                  aria-describedby={`${notesId}-help${onNotes.length > 0 ? ` ${notesId}-doubt` : ''}`}
                  lang={lang}
                  safe
                >
                  {notesText}
                </textarea>
                <p class="form-text small mb-0" id={`${notesId}-help`}>{m.editorCardNotesHelp}</p>
                {onNotes.length === 0 ? '' : <p class="doubtful-cell mb-0" id={`${notesId}-doubt`} safe>{`${m.doubtfulCell}: ${onNotes.map((f) => f.message).join(' ')}`}</p>}
              </div>
            </section>
          );
        })}
        <button type="submit" class="btn btn-primary">{m.saveDraftButton}</button>
      </form>
    </Layout>
  );
}

/** One indicator's measure in the editor of a draft: its measures-file entry to edit, with why it was refused, if it was. */
function MeasureBox(props: { ctx: PageContext; draft: DraftInEditor; position: number; findings: readonly Finding[] }): JSX.Element {
  const m = props.ctx.messages;
  const id = measureName(props.position).replaceAll('.', '-');
  const text = props.draft.measures.get(props.position) ?? '';
  const refusal = props.draft.refusals?.get(props.position);
  const where = refusal === undefined ? '' : m.editorMeasureWhere(refusal.field, refusal.line);
  const invalid = refusal !== undefined || props.findings.length > 0;
  const described = [`${id}-help`, ...(refusal === undefined ? [] : [`${id}-refused`]), ...(props.findings.length === 0 ? [] : [`${id}-doubt`])].join(' ');
  return (
    <div class="form-group mb-2 measure-box">
      <label for={id} class="active">{m.editorMeasureLabel}</label>
      <textarea class={`form-control font-monospace${invalid ? ' is-invalid' : ''}`} id={id} name={measureName(props.position)} rows={String(rowsFor(text, 6))} spellcheck="false" aria-describedby={described} safe>
        {text}
      </textarea>
      <p class="form-text small mb-0" id={`${id}-help`}>{m.editorMeasureHelp}</p>
      {refusal === undefined ? '' : (
        <p class="measure-refused mb-0" id={`${id}-refused`}>
          {/* The field is the person's own key when it is an unknown one: escaped like the message. */}
          <strong safe>{`${m.editorMeasureRefused}${where === '' ? '' : ` (${where})`}: `}</strong>
          <span safe>{refusal.message}</span>
        </p>
      )}
      {props.findings.length === 0 ? '' : <p class="doubtful-cell mb-0" id={`${id}-doubt`} safe>{`${m.doubtfulCell}: ${props.findings.map((f) => f.message).join(' ')}`}</p>}
    </div>
  );
}

export interface AdminCardUploadPageProps {
  ctx: PageContext;
  csrfToken: string;
  refused?: string;
}

/** The upload form: a card file of any format the importer reads, and its year when the file states none. */
export function AdminCardUploadPage(props: AdminCardUploadPageProps): JSX.Element {
  const { ctx } = props;
  const m = ctx.messages;
  return (
    <Layout ctx={ctx} title={m.uploadTitle} breadcrumb={[{ label: m.adminTitle, href: '/admin' }, { label: m.uploadTitle }]} section="none">
      <h1>{m.uploadTitle}</h1>
      <p>{m.uploadIntro}</p>
      {props.refused === undefined ? '' : (
        <div class="alert alert-danger" role="alert" id="upload-refused">
          <strong>{`${m.uploadRefused}: `}</strong>
          <span safe>{props.refused}</span>
        </div>
      )}
      <form method="post" action={localePath(ctx.locale, '/admin/carte/carica')} enctype="multipart/form-data">
        <input type="hidden" name="_csrf" value={props.csrfToken} />
        <div class="form-group">
          <label for="card-file" class="active">{m.fileLabel}</label>
          <input type="file" class="form-control" id="card-file" name="file" required />
        </div>
        <div class="form-group">
          <label for="card-year" class="active">{m.yearOptionalLabel}</label>
          <input type="number" class="form-control" id="card-year" name="year" min="2000" max="2100" />
        </div>
        <button type="submit" class="btn btn-primary">{m.readButton}</button>
      </form>
    </Layout>
  );
}
