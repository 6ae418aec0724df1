import type { ServiceListing } from '../../actions/list-services.action.ts';
import type { SourceListing } from '../../actions/list-sources.action.ts';
import type { EvaluationStatus } from '../../domain/evaluation/evaluation.ts';
import type { IndicatorReport } from '../../domain/evaluation/indicator-report.ts';
import { Status } from './parts/status.tsx';
import { localePath } from '../i18n/locale.ts';
import { Layout } from './layout.tsx';
import { drillDownHref, IndicatorList } from './admin-evaluation.page.tsx';
import { formatValue } from '../view/format.ts';
import type { PageContext } from './page-context.ts';

export interface AdminDashboardPageProps {
  ctx: PageContext;
  csrfToken: string;
  account: { email: string; role: string };
  services: ServiceListing[];
  /** Whether the editions page is served (the site has the edition actions). */
  editions: boolean;
  /** Whether this account may upload a card. */
  upload: boolean;
  /** Whether this account reads the audit log. */
  audit: boolean;
  /** Whether this account sees the sources and tokens. */
  feeds: boolean;
  /** Whether the services pages are served (every role reads them). */
  profiles?: boolean;
  /** Whether the registers page and the evaluation's drill-down are served (every role reads them). */
  registers?: boolean;
  drillDown?: boolean;
  /** Whether this account sees the diffide queue. */
  diffide?: boolean;
  /** Whether the costi contabilizzati page is served (every role reads it). */
  costs?: boolean;
  /** Whether the class-action page is served (every role reads it). */
  classActions?: boolean;
  /** Whether this account sees the satisfaction page (its reasons are not for every role). */
  satisfaction?: boolean;
  year: number;
  /** Every indicator of the cards in force, evaluated for the year. */
  reports: IndicatorReport[];
  /** Feeds silent for more than a day (none when the site has no source listing). */
  silent: SourceListing[];
}

const STATUS_ORDER: readonly EvaluationStatus[] = ['met', 'at-risk', 'below-target', 'missed', 'no-data'];
const NEEDS_ATTENTION: ReadonlySet<EvaluationStatus> = new Set(['at-risk', 'below-target', 'missed']);

/** The back office's home: who is signed in, the services, and the sign-out form. A placeholder for the dashboard of the year. */
export function AdminDashboardPage(props: AdminDashboardPageProps): JSX.Element {
  const { ctx } = props;
  const m = ctx.messages;
  return (
    <Layout ctx={ctx} title={m.adminTitle} breadcrumb={[{ label: m.adminTitle }]} section="none">
      <h1>{m.adminTitle}</h1>
      <p>
        {m.adminSignedInAs} <strong safe>{props.account.email}</strong> ({m.roleNames[props.account.role] ?? props.account.role}).
      </p>
      <form method="post" action={localePath(ctx.locale, '/admin/logout')} class="mb-4">
        <input type="hidden" name="_csrf" value={props.csrfToken} />
        <button type="submit" class="btn btn-outline-primary">
          {m.logout}
        </button>
      </form>
      <ul class="list-unstyled">
        {props.upload ? <li><a href={localePath(ctx.locale, '/admin/carte/carica')}>{m.uploadLink}</a></li> : ''}
        {props.editions ? <li><a href={localePath(ctx.locale, '/admin/edizioni')}>{m.adminEditionsLink}</a></li> : ''}
        {props.feeds ? <li><a href={localePath(ctx.locale, '/admin/flussi')}>{m.feedsLink}</a></li> : ''}
        {props.audit ? <li><a href={localePath(ctx.locale, '/admin/registro')}>{m.auditLink}</a></li> : ''}
        {props.profiles === true ? <li><a href={localePath(ctx.locale, '/admin/servizi')}>{m.profilesLink}</a></li> : ''}
        {props.registers === true ? <li><a href={localePath(ctx.locale, '/admin/registri')}>{m.registersLink}</a></li> : ''}
        {props.drillDown === true ? <li><a href={localePath(ctx.locale, '/admin/valutazione')}>{m.drillLink}</a></li> : ''}
        {props.diffide === true ? <li><a href={localePath(ctx.locale, '/admin/diffide')}>{m.diffida.queueLink}</a></li> : ''}
        {props.costs === true ? <li><a href={localePath(ctx.locale, '/admin/costi')}>{m.costs.adminLink}</a></li> : ''}
        {props.satisfaction === true ? <li><a href={localePath(ctx.locale, '/admin/soddisfazione')}>{m.satisfaction.adminLink}</a></li> : ''}
        {props.classActions === true ? <li><a href={localePath(ctx.locale, '/admin/class-action')}>{m.classActions.adminLink}</a></li> : ''}
      </ul>
      <section aria-labelledby="year-heading" class="mb-4">
        <h2 id="year-heading">{m.dashboardYear(props.year)}</h2>
        <h3 class="h5">{m.dashboardCounts}</h3>
        <ul class="list-inline" id="dashboard-counts">
          {STATUS_ORDER.map((status) => (
            <li class="list-inline-item me-4">
              <Status ctx={ctx} status={status} />
              {`: ${props.reports.filter((r) => r.year.status === status).length}`}
            </li>
          ))}
        </ul>
        <h3 class="h5">{m.dashboardAttention}</h3>
        {props.reports.some((r) => NEEDS_ATTENTION.has(r.year.status)) ? (
          <ul id="dashboard-attention">
            {props.reports
              .filter((r) => NEEDS_ATTENTION.has(r.year.status))
              .map((r) => (
                <li>
                  <a href={localePath(ctx.locale, `/servizi/${r.service.slug}/indicatori/${r.indicator.slug}`)} safe>{`${r.service.name} — ${r.indicator.description ?? r.indicator.slug}`}</a>
                  {': '}
                  <Status ctx={ctx} status={r.year.status} />
                  {props.drillDown === true ? <>{' — '}<a href={drillDownHref(ctx, { service: r.service.slug, indicator: r.indicator.slug, year: props.year })} safe>{formatValue(ctx.locale, r.year.value, r.year.unit)}</a></> : ''}
                </li>
              ))}
          </ul>
        ) : (
          <p>{m.dashboardAllWell}</p>
        )}
        {props.drillDown === true ? <><h3 class="h5">{m.dashboardIndicators}</h3><IndicatorList ctx={ctx} year={props.year} reports={props.reports} id="dashboard-indicators" /></> : ''}
        <h3 class="h5">{m.dashboardSilent}</h3>
        {props.silent.length === 0 ? (
          <p>{m.dashboardNoSilent}</p>
        ) : (
          <ul id="dashboard-silent">
            {props.silent.map((source) => (
              <li>
                <code safe>{source.name}</code>
                {`: ${m.silentFor(Math.floor((source.secondsSinceLastEvent ?? 0) / 3600))}`}
              </li>
            ))}
          </ul>
        )}
      </section>
      <h2>{m.adminServicesTitle}</h2>
      {props.services.length === 0 ? (
        <p>{m.adminNoServices}</p>
      ) : (
        <ul id="admin-services">
          {props.services.map(({ organisation, service }) => (
            <li>
              <a href={localePath(ctx.locale, `/servizi/${service.slug}`)} safe>
                {service.name}
              </a>{' '}
              — <span safe>{organisation.name}</span>
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}
