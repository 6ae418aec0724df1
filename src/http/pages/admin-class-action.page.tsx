import type { ClassActionListing } from '../../actions/class-action.action.ts';
import { CLASS_ACTION_STATUSES, PUBLICATION_KINDS, type FieldError } from '../../domain/class-actions/class-action.ts';
import { localePath } from '../i18n/locale.ts';
import { formatDate } from '../view/format.ts';
import { Layout } from './layout.tsx';
import { dataLang, type PageContext } from './page-context.ts';
import { CLASS_ACTION } from './transparency-paths.ts';

export type ClassActionForm = 'case' | 'publication' | 'status' | 'correct' | 'withdraw';

/** Which form a refusal belongs to, what was typed in it and what is wrong. */
export interface ClassActionTypedForm {
  form: ClassActionForm;
  values: Record<string, string>;
  errors: readonly FieldError[];
}

export interface AdminClassActionPageProps {
  ctx: PageContext;
  csrfToken: string;
  listing: ClassActionListing;
  services: readonly { slug: string; name: string }[];
  /** Whether this account may record cases and publications. */
  canChange: boolean;
  done?: ClassActionForm;
  typed?: ClassActionTypedForm;
  /** A refusal that belongs to no field. */
  refused?: string;
}

/** The fields of each form, as the routes read them from the body. */
export const CASE_FORM_FIELDS = ['service', 'court', 'caseNumber', 'filedOn', 'subject', 'status'] as const;
export const PUBLICATION_FORM_FIELDS = ['caseId', 'kind', 'publishedOn', 'text', 'documentUrl'] as const;
export const STATUS_FORM_FIELDS = ['caseId', 'status'] as const;
/** The correction of a case: its own fields but the status, and which case (a hidden field of each case's form). */
export const CORRECT_FORM_FIELDS = ['caseId', 'service', 'court', 'caseNumber', 'filedOn', 'subject'] as const;
export const WITHDRAW_FORM_FIELDS = ['publicationId', 'reason'] as const;

/** The id of a field's input: the error summary links to it. A correction form is one per case: `caseKey` tells them apart. */
function fieldId(form: ClassActionForm, field: string, caseKey?: string): string {
  const prefix: Record<ClassActionForm, string> = { case: 'caso', publication: 'pubblicazione', status: 'stato', correct: 'correzione', withdraw: 'ritiro' };
  return caseKey === undefined ? `${prefix[form]}-${field}` : `${prefix[form]}-${caseKey}-${field}`;
}

/** /admin/class-action: the ricorsi recorded with their publications, and the forms that record a case and add a publication. */
export function AdminClassActionPage(props: AdminClassActionPageProps): JSX.Element {
  const { ctx } = props;
  const m = ctx.messages;
  const t = m.classActions;
  const lang = dataLang(ctx);
  const label = (field: string) => t.labels[field] ?? field;
  const wordError = (error: FieldError) => {
    if (error.problem === 'personal-data' && error.found !== undefined) {
      return t.personalData(label(error.field), error.found.map((f) => `${t.personalDataKinds[f.kind] ?? f.kind} («${f.text}»)`).join(', '));
    }
    return (t.errors[error.problem] ?? ((l: string) => `${l}: ${error.message}`))(label(error.field));
  };

  /** Whether the refused form is this one: for a correction, the form of the same case. */
  const typedFor = (form: ClassActionForm, caseKey?: string) =>
    props.typed?.form === form && (caseKey === undefined || props.typed.values['caseId'] === caseKey) ? props.typed : undefined;

  /** One field of a form, with its hint and, when refused, its error beside it. */
  const Field = (p: {
    form: ClassActionForm;
    field: string;
    control: 'text' | 'url' | 'textarea' | { options: readonly (readonly [value: string, text: string])[] };
    required?: boolean;
    initial?: string;
    caseKey?: string;
  }) => {
    const id = fieldId(p.form, p.field, p.caseKey);
    const typed = typedFor(p.form, p.caseKey);
    const value = typed?.values[p.field] ?? p.initial ?? '';
    const error = typed?.errors.find((e) => e.field === p.field);
    const hint = t.hints[p.field];
    const describedBy = [hint === undefined ? '' : `${id}-hint`, error === undefined ? '' : `${id}-error`].filter((s) => s !== '').join(' ');
    const common = {
      id,
      name: p.field,
      class: `${typeof p.control === 'object' ? 'form-select' : 'form-control'}${error === undefined ? '' : ' is-invalid'}`,
      ...(describedBy === '' ? {} : { 'aria-describedby': describedBy }),
      ...(error === undefined ? {} : { 'aria-invalid': 'true' }),
      ...(p.required === true ? { 'aria-required': 'true' } : {}),
    };
    return (
      <div class="mb-4">
        <label for={id} class="form-label fw-semibold">{label(p.field)}</label>
        {typeof p.control === 'object' ? (
          <select {...common}>
            {p.control.options.map(([optionValue, text]) => (
              <option value={optionValue} selected={optionValue === value} safe>{text}</option>
            ))}
          </select>
        ) : p.control === 'textarea' ? (
          <textarea {...common} rows="5" safe>{value}</textarea>
        ) : (
          <input {...common} type={p.control} value={value} />
        )}
        {hint === undefined ? '' : <small class="form-text d-block" id={`${id}-hint`}>{hint}</small>}
        {error === undefined ? '' : <div class="invalid-feedback d-block" id={`${id}-error`} safe>{wordError(error)}</div>}
      </div>
    );
  };

  const caseOptions: (readonly [string, string])[] = [['', t.chooseCase], ...props.listing.cases.map((c) => [String(c.id), `n. ${c.id} — ${t.caseHeading(c.court, c.caseNumber)}`] as const)];
  const publicationOptions: (readonly [string, string])[] = props.listing.cases.flatMap((c) =>
    c.publications.map((p) => [String(p.id), `n. ${p.id} — ${t.kinds[p.kind] ?? p.kind}, ${formatDate(ctx.locale, p.publishedOn)} (${t.caseHeading(c.court, c.caseNumber)})`] as const),
  );

  const Summary = (p: { form: ClassActionForm; caseKey?: string }) => {
    const typed = typedFor(p.form, p.caseKey);
    return typed === undefined || typed.errors.length === 0 ? (
      ''
    ) : (
      <div class="alert alert-danger" role="alert" id={`${fieldId(p.form, 'refused', p.caseKey)}`}>
        <p>{t.refused}</p>
        <ul class="mb-0">
          {typed.errors.map((error) => <li><a href={`#${fieldId(p.form, error.field, p.caseKey)}`} safe>{wordError(error)}</a></li>)}
        </ul>
      </div>
    );
  };
  const serviceOptions: (readonly [string, string])[] = [['', t.chooseService], ...props.services.map((s) => [s.slug, s.name] as const)];

  return (
    <Layout ctx={ctx} title={t.adminTitle} breadcrumb={[{ label: m.adminTitle, href: '/admin' }, { label: t.adminTitle }]} section="none">
      <h1>{t.adminTitle}</h1>
      <p>{t.adminIntro}</p>
      <p><a href={localePath(ctx.locale, CLASS_ACTION)}>{t.publicPage}</a></p>
      {props.done === undefined ? '' : <div class="alert alert-success" role="status">{{ case: t.doneCase, publication: t.donePublication, status: t.doneStatus, correct: t.doneCorrect, withdraw: t.doneWithdraw }[props.done]}</div>}
      {props.refused === undefined ? '' : <div class="alert alert-danger" role="alert" id="class-action-refused" safe>{props.refused}</div>}
      {props.listing.cases.length === 0 ? (
        <p id="class-action-cases-none">{t.noCases}</p>
      ) : (
        <div class="table-responsive">
          <table class="table" id="class-action-cases">
            <caption class="visually-hidden">{t.adminTitle}</caption>
            <thead>
              <tr>
                <th scope="col">n.</th>
                <th scope="col">{t.filedOn}</th>
                <th scope="col">{t.court}</th>
                <th scope="col">{t.caseNumber}</th>
                <th scope="col">{t.subject}</th>
                <th scope="col">{t.status}</th>
                <th scope="col">{t.publicationsOf}</th>
              </tr>
            </thead>
            <tbody>
              {props.listing.cases.map((c) => (
                <tr>
                  <td>{String(c.id)}</td>
                  <td>{formatDate(ctx.locale, c.filedOn)}</td>
                  <td lang={lang} safe>{c.court}</td>
                  <td safe>{c.caseNumber ?? '—'}</td>
                  <td lang={lang} safe>{c.subject}</td>
                  <td>{t.statuses[c.status] ?? c.status}</td>
                  <td>
                    {c.publications.length === 0 ? '—' : (
                      <ul class="list-unstyled mb-0">
                        {c.publications.map((p) => <li safe>{`n. ${p.id} — ${t.kinds[p.kind] ?? p.kind}, ${formatDate(ctx.locale, p.publishedOn)}`}</li>)}
                      </ul>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {!props.canChange ? (
        <p class="text-muted">{t.readOnly}</p>
      ) : (
        <>
          <p class="alert alert-warning">{t.personalDataWarning}</p>
          <section aria-labelledby="case-form-heading" class="mb-5">
            <h2 id="case-form-heading">{t.caseFormTitle}</h2>
            <Summary form="case" />
            <form method="post" action={localePath(ctx.locale, '/admin/class-action/caso')} novalidate>
              <input type="hidden" name="_csrf" value={props.csrfToken} />
              <Field form="case" field="service" control={{ options: serviceOptions }} />
              <Field form="case" field="court" control="text" required />
              <Field form="case" field="caseNumber" control="text" />
              <Field form="case" field="filedOn" control="text" required />
              <Field form="case" field="subject" control="text" required />
              <Field form="case" field="status" control={{ options: CLASS_ACTION_STATUSES.map((s) => [s, t.statuses[s] ?? s] as const) }} initial="notified" />
              <button type="submit" class="btn btn-primary">{t.saveCase}</button>
            </form>
          </section>
          {props.listing.cases.length === 0 ? '' : (
            <section aria-labelledby="publication-form-heading" class="mb-5">
              <h2 id="publication-form-heading">{t.publicationFormTitle}</h2>
              <Summary form="publication" />
              <form method="post" action={localePath(ctx.locale, '/admin/class-action/pubblicazione')} novalidate>
                <input type="hidden" name="_csrf" value={props.csrfToken} />
                <Field form="publication" field="caseId" control={{ options: caseOptions }} required />
                <Field form="publication" field="kind" control={{ options: PUBLICATION_KINDS.map((k) => [k, t.kinds[k] ?? k] as const) }} required />
                <Field form="publication" field="publishedOn" control="text" required />
                <Field form="publication" field="text" control="textarea" required />
                <Field form="publication" field="documentUrl" control="url" />
                <button type="submit" class="btn btn-primary">{t.savePublication}</button>
              </form>
            </section>
          )}
          {props.listing.cases.length === 0 ? '' : (
            <section aria-labelledby="status-form-heading" class="mb-5">
              <h2 id="status-form-heading">{t.statusFormTitle}</h2>
              <p>{t.statusFormIntro}</p>
              <Summary form="status" />
              <form method="post" action={localePath(ctx.locale, '/admin/class-action/stato')} novalidate>
                <input type="hidden" name="_csrf" value={props.csrfToken} />
                <Field form="status" field="caseId" control={{ options: caseOptions }} required />
                <Field form="status" field="status" control={{ options: CLASS_ACTION_STATUSES.map((s) => [s, t.statuses[s] ?? s] as const) }} required initial="closed" />
                <button type="submit" class="btn btn-primary">{t.saveStatus}</button>
              </form>
            </section>
          )}
          {props.listing.cases.length === 0 ? '' : (
            <section aria-labelledby="correct-form-heading" class="mb-5" id="class-action-correct">
              <h2 id="correct-form-heading">{t.correctFormTitle}</h2>
              <p>{t.correctFormIntro}</p>
              {props.listing.cases.map((c) => {
                const key = String(c.id);
                return (
                  <details class="mb-3" open={typedFor('correct', key) !== undefined}>
                    <summary safe>{`n. ${c.id} — ${t.caseHeading(c.court, c.caseNumber)}`}</summary>
                    <Summary form="correct" caseKey={key} />
                    <form method="post" action={localePath(ctx.locale, '/admin/class-action/correzione')} novalidate class="mt-3" id={`correzione-${key}`}>
                      <input type="hidden" name="_csrf" value={props.csrfToken} />
                      <input type="hidden" name="caseId" value={key} />
                      <Field form="correct" caseKey={key} field="service" control={{ options: serviceOptions }} initial={c.serviceSlug ?? ''} />
                      <Field form="correct" caseKey={key} field="court" control="text" required initial={c.court} />
                      <Field form="correct" caseKey={key} field="caseNumber" control="text" initial={c.caseNumber ?? ''} />
                      <Field form="correct" caseKey={key} field="filedOn" control="text" required initial={c.filedOn} />
                      <Field form="correct" caseKey={key} field="subject" control="text" required initial={c.subject} />
                      <button type="submit" class="btn btn-primary">{t.saveCorrect}</button>
                    </form>
                  </details>
                );
              })}
            </section>
          )}
          {publicationOptions.length === 0 ? '' : (
            <section aria-labelledby="withdraw-form-heading" class="mb-5">
              <h2 id="withdraw-form-heading">{t.withdrawFormTitle}</h2>
              <p>{t.withdrawFormIntro}</p>
              <Summary form="withdraw" />
              <form method="post" action={localePath(ctx.locale, '/admin/class-action/ritiro')} novalidate>
                <input type="hidden" name="_csrf" value={props.csrfToken} />
                <Field form="withdraw" field="publicationId" control={{ options: [['', t.choosePublication], ...publicationOptions] }} required />
                <Field form="withdraw" field="reason" control="text" required />
                <button type="submit" class="btn btn-outline-danger">{t.saveWithdraw}</button>
              </form>
            </section>
          )}
        </>
      )}
    </Layout>
  );
}
