import type { ClassActionListing } from '../../actions/class-action.action.ts';
import { localePath } from '../i18n/locale.ts';
import { safeHref } from '../view/safe-href.ts';
import { formatDate } from '../view/format.ts';
import { Layout } from './layout.tsx';
import { dataLang, type PageContext } from './page-context.ts';
import { SERVIZI_EROGATI, AMMINISTRAZIONE_TRASPARENTE, CLASS_ACTION_CSV } from './transparency-paths.ts';

export interface ClassActionPageProps {
  ctx: PageContext;
  /** The cases and their publications (none when the site has no class-action actions). */
  listing: ClassActionListing;
  /** The local day of the last change (from the listing), else today's: the date of "none as of". */
  asOf: { date: string; isToday: boolean };
  /** Service names by slug, for the cases that name one. */
  serviceNames: ReadonlyMap<string, string>;
  /** Whether the CSV of the cases is served. */
  csv: boolean;
}


/** Text with line breaks as paragraphs: what the office typed, without letting it write markup. */
function Paragraphs(props: { text: string; lang: 'it' | undefined }): JSX.Element {
  return (
    <>
      {props.text
        .split(/\n+/)
        .filter((line) => line.trim() !== '')
        .map((line) => (
          <p lang={props.lang} safe>
            {line}
          </p>
        ))}
    </>
  );
}

/**
 * Class action (d.lgs. 198/2009 art. 1 c.2, art. 4 c.2 and c.6): each ricorso with the notice, the sentence and the
 * measures taken, newest first; with none, "none notified as of" the date of the last change (or today, saying so).
 */
export function ClassActionPage(props: ClassActionPageProps): JSX.Element {
  const { ctx } = props;
  const m = ctx.messages;
  const t = m.classActions;
  const lang = dataLang(ctx);
  const asOf = formatDate(ctx.locale, props.asOf.date);
  return (
    <Layout
      ctx={ctx}
      title={m.classAction}
      breadcrumb={[{ label: m.transparency, href: AMMINISTRAZIONE_TRASPARENTE }, { label: m.servicesProvided, href: SERVIZI_EROGATI }, { label: m.classAction }]}
      section="transparency"
    >
      <h1>{m.classAction}</h1>
      <p class="lead">{m.classActionIntro}</p>
      {props.listing.cases.length === 0 ? (
        <div class="callout" id="class-action-none">
          <div class="callout-inner">
            <p safe>{t.noneAsOf(asOf)}</p>
            <p class="mb-0 small">{props.asOf.isToday ? t.dateIsToday : t.dateIsLastChange}</p>
          </div>
        </div>
      ) : (
        <>
          <p id="class-action-as-of" safe>{t.updatedOn(asOf)}</p>
          {props.listing.cases.map((c) => {
            const service = c.serviceSlug === null ? null : { slug: c.serviceSlug, name: props.serviceNames.get(c.serviceSlug) ?? c.serviceSlug };
            return (
              <section class="mb-5" aria-labelledby={`ricorso-${c.id}`} id={`caso-${c.id}`}>
                <h2 id={`ricorso-${c.id}`} class="h3" lang={lang} safe>
                  {t.caseHeading(c.court, c.caseNumber)}
                </h2>
                <dl class="row">
                  <dt class="col-sm-3">{t.subject}</dt>
                  <dd class="col-sm-9" lang={lang} safe>{c.subject}</dd>
                  <dt class="col-sm-3">{t.court}</dt>
                  <dd class="col-sm-9" lang={lang} safe>{c.court}</dd>
                  {c.caseNumber === null ? '' : <><dt class="col-sm-3">{t.caseNumber}</dt><dd class="col-sm-9" safe>{c.caseNumber}</dd></>}
                  <dt class="col-sm-3">{t.filedOn}</dt>
                  <dd class="col-sm-9" safe>{formatDate(ctx.locale, c.filedOn)}</dd>
                  <dt class="col-sm-3">{t.service}</dt>
                  <dd class="col-sm-9">
                    {service === null ? t.serviceNone : <a href={localePath(ctx.locale, `/servizi/${encodeURIComponent(service.slug)}`)} lang={lang} safe>{service.name}</a>}
                  </dd>
                  <dt class="col-sm-3">{t.status}</dt>
                  <dd class="col-sm-9">{t.statuses[c.status] ?? c.status}</dd>
                </dl>
                <h3 class="h5">{t.publicationsOf}</h3>
                {c.publications.length === 0 ? (
                  <p>{t.noPublications}</p>
                ) : (
                  <ul class="list-unstyled">
                    {c.publications.map((p) => {
                      const kind = t.kinds[p.kind] ?? p.kind;
                      const date = formatDate(ctx.locale, p.publishedOn);
                      const href = safeHref(p.documentUrl);
                      return (
                        <li class="mb-3 border-start ps-3">
                          <h4 class="h6 mb-1" safe>{`${kind} — ${date}`}</h4>
                          <p class="small text-muted mb-1">{t.kindBasis[p.kind] ?? ''}</p>
                          <Paragraphs text={p.text} lang={lang} />
                          {href === null ? '' : <p><a href={href} safe>{t.documentOf(kind, date)}</a></p>}
                        </li>
                      );
                    })}
                  </ul>
                )}
              </section>
            );
          })}
        </>
      )}
      {props.csv ? <p><a href={localePath(ctx.locale, CLASS_ACTION_CSV)}>{t.csv}</a></p> : ''}
    </Layout>
  );
}
