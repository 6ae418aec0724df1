import type { EditionListing } from '../../actions/list-editions.action.ts';
import type { Worsening } from '../../domain/editions/edition-diff.ts';
import { localePath } from '../i18n/locale.ts';
import { formatDate } from '../view/format.ts';
import { Layout } from './layout.tsx';
import { dataLang, type PageContext } from './page-context.ts';

export interface AdminEditionsPageProps {
  ctx: PageContext;
  csrfToken: string;
  editions: EditionListing[];
  /** For each draft ("service/edition"), what the "(&)" rule asks to justify. */
  worsenings: ReadonlyMap<string, Worsening[]>;
  /** Whether the account may approve, publish, withdraw and start editions (quality office, administrator). */
  canChange: boolean;
  /** What the last step did ('approved'…), after its redirect. */
  done?: string;
  /** Why the last step was refused, with the fields as they were sent. */
  refused?: { service: string; edition: string; message: string; fields: Record<string, string> };
}

const keyOf = (edition: { serviceSlug: string; key: string }) => `${edition.serviceSlug}/${edition.key}`;

/** The back office's editions: each service's editions with state, act and dates, and the lifecycle's forms. */
export function AdminEditionsPage(props: AdminEditionsPageProps): JSX.Element {
  const { ctx } = props;
  const m = ctx.messages;
  const lang = dataLang(ctx);
  const day = (text: string | null) => (text === null ? '' : formatDate(ctx.locale, text.slice(0, 10)));
  const lastOfService = new Map(props.editions.map((edition) => [edition.serviceSlug, edition]));
  const hidden = (edition: EditionListing) => (
    <>
      <input type="hidden" name="_csrf" value={props.csrfToken} />
      <input type="hidden" name="service" value={edition.serviceSlug} />
      <input type="hidden" name="edition" value={edition.key} />
    </>
  );
  const sent = (edition: EditionListing, field: string) => (props.refused !== undefined && `${props.refused.service}/${props.refused.edition}` === keyOf(edition) ? (props.refused.fields[field] ?? '') : '');
  const id = (edition: EditionListing, field: string) => `${field}-${edition.serviceSlug}-${edition.key}`;
  return (
    <Layout ctx={ctx} title={m.adminEditionsTitle} breadcrumb={[{ label: m.adminTitle, href: '/admin' }, { label: m.adminEditionsTitle }]} section="none">
      <h1>{m.adminEditionsTitle}</h1>
      <p>{m.adminEditionsIntro}</p>
      {props.done === undefined || m.editionDone[props.done] === undefined ? '' : <div class="alert alert-success" role="status">{m.editionDone[props.done]}</div>}
      {props.refused === undefined ? '' : (
        <div class="alert alert-danger" role="alert" id="edition-refused">
          <strong>{`${m.editionRefused} (${props.refused.service} ${props.refused.edition}): `}</strong>
          <span class="text-prewrap" safe>{props.refused.message}</span>
        </div>
      )}
      {props.editions.length === 0 ? <p>{m.adminNoEditions}</p> : ''}
      {props.editions.map((edition) => {
        const worsenings = props.worsenings.get(keyOf(edition)) ?? [];
        return (
          <section class="mb-5" aria-labelledby={id(edition, 'heading')}>
            <h2 class="h4" id={id(edition, 'heading')}>
              <span lang={lang} safe>{edition.service}</span>
              {` — ${m.edition} ${edition.key}: ${m.editionStatus[edition.status] ?? edition.status}`}
            </h2>
            <dl class="definition-list">
              <dt>{m.indicatorsColumn}</dt>
              <dd>{String(edition.indicatorCount)}</dd>
              {edition.act === null ? '' : <><dt>{m.adoptedBy}</dt><dd lang={lang} safe>{edition.act}</dd></>}
              {edition.inForceFrom === null ? '' : <><dt>{m.inForceSince}</dt><dd>{day(edition.inForceFrom)}</dd></>}
              {edition.closedAt === null ? '' : <><dt>{edition.status === 'withdrawn' ? m.withdrawnOn : m.supersededOn}</dt><dd>{day(edition.closedAt)} <span lang={lang} safe>{edition.closeReason ?? ''}</span></dd></>}
            </dl>
            {props.canChange && edition.status === 'draft' ? (
              <p>
                <a href={`${localePath(ctx.locale, '/admin/carte/modifica')}?service=${encodeURIComponent(edition.serviceSlug)}&edition=${encodeURIComponent(edition.key)}`}>{m.editLink(edition.key)}</a>
              </p>
            ) : ''}
            {!props.canChange ? '' : edition.status === 'draft' ? (
              <form method="post" action={localePath(ctx.locale, '/admin/edizioni/approva')} class="mb-3">
                {hidden(edition)}
                <fieldset>
                  <legend class="h5">{m.approveLegend(edition.key)}</legend>
                  <div class="form-group">
                    <label for={id(edition, 'act')} class="active">{m.actLabel}</label>
                    <input type="text" class="form-control" id={id(edition, 'act')} name="act" required value={sent(edition, 'act')} />
                  </div>
                  <div class="form-group">
                    <label for={id(edition, 'in-force')} class="active">{m.inForceFromLabel}</label>
                    <input type="date" class="form-control" id={id(edition, 'in-force')} name="inForceFrom" value={sent(edition, 'inForceFrom')} />
                  </div>
                  {worsenings.length === 0 ? '' : (
                    <div class="worsenings">
                      <p>{m.worseningsIntro}</p>
                      {worsenings.map((w) => (
                        <div class="form-group">
                          <p class="mb-1" lang={lang} safe>
                            {w.kind === 'removed' ? m.worseningRemoved(w.slug, w.before.target.text) : m.worseningChanged(w.slug, w.before.target.text, w.after?.target.text ?? '')}
                          </p>
                          <label for={id(edition, `justify-${w.slug}`)} class="active" safe>{m.justificationLabel(w.slug)}</label>
                          <textarea class="form-control" id={id(edition, `justify-${w.slug}`)} name={`justify:${w.slug}`} rows="2" safe>{sent(edition, `justify:${w.slug}`)}</textarea>
                        </div>
                      ))}
                    </div>
                  )}
                  <button type="submit" class="btn btn-primary">{m.approveButton}</button>
                </fieldset>
              </form>
            ) : ''}
            {props.canChange && edition.status === 'approved' ? (
              <form method="post" action={localePath(ctx.locale, '/admin/edizioni/pubblica')} class="mb-3">
                {hidden(edition)}
                <button type="submit" class="btn btn-primary">{m.publishButton(edition.key)}</button>
              </form>
            ) : ''}
            {props.canChange && (edition.status === 'approved' || edition.status === 'published') ? (
              <form method="post" action={localePath(ctx.locale, '/admin/edizioni/ritira')} class="mb-3">
                {hidden(edition)}
                <fieldset>
                  <legend class="h5">{m.withdrawLegend(edition.key)}</legend>
                  <div class="form-group">
                    <label for={id(edition, 'reason')} class="active">{m.reasonLabel}</label>
                    <input type="text" class="form-control" id={id(edition, 'reason')} name="reason" required value={sent(edition, 'reason')} />
                  </div>
                  <button type="submit" class="btn btn-outline-danger">{m.withdrawButton}</button>
                </fieldset>
              </form>
            ) : ''}
            {props.canChange && lastOfService.get(edition.serviceSlug) === edition ? (
              <form method="post" action={localePath(ctx.locale, '/admin/edizioni/nuova')} class="mb-3">
                <input type="hidden" name="_csrf" value={props.csrfToken} />
                <input type="hidden" name="service" value={edition.serviceSlug} />
                <fieldset>
                  <legend class="h5" lang={lang} safe>{m.newEditionLegend(edition.service)}</legend>
                  <div class="form-group">
                    <label for={id(edition, 'year')} class="active">{m.yearLabel}</label>
                    <input type="number" class="form-control" id={id(edition, 'year')} name="year" min="2000" max="2100" required value={edition.year === null ? '' : String(edition.year + 1)} />
                  </div>
                  <button type="submit" class="btn btn-outline-primary">{m.startButton}</button>
                </fieldset>
              </form>
            ) : ''}
          </section>
        );
      })}
    </Layout>
  );
}
