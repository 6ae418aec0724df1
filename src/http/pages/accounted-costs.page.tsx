import type { ServiceCostListing } from '../../actions/service-costs.action.ts';
import { renderCostChart } from '../charts/cost-chart.ts';
import { formatChange, formatEuroCents, formatEuroWhole } from '../view/cost-format.ts';
import { formatDate, formatNumber } from '../view/format.ts';
import { Layout } from './layout.tsx';
import { dataLang, type PageContext } from './page-context.ts';
import { AMMINISTRAZIONE_TRASPARENTE, SERVIZI_EROGATI } from './transparency-paths.ts';

export interface AccountedCostsPageProps {
  ctx: PageContext;
  /** Each service's costs; null when the site does not manage them. */
  services: ServiceCostListing[] | null;
  /** Local dates (YYYY-MM-DD, the administration's clock) of the first publication and the last change, from the data. */
  published: { on: string; updated: string } | null;
  /** Today's local date, for the empty state ("none as of"). */
  today: string;
  /** The open dataset's CSV. */
  csvHref: string;
}

/** Costi contabilizzati (art. 32 c.2 lett. a d.lgs. 33/2013): per service, a chart and a table of its costs by year. */
export function AccountedCostsPage(props: AccountedCostsPageProps): JSX.Element {
  const { ctx } = props;
  const m = ctx.messages;
  const c = m.costs;
  return (
    <Layout
      ctx={ctx}
      title={m.accountedCosts}
      breadcrumb={[{ label: m.transparency, href: AMMINISTRAZIONE_TRASPARENTE }, { label: m.servicesProvided, href: SERVIZI_EROGATI }, { label: m.accountedCosts }]}
      section="transparency"
    >
      <h1>{m.accountedCosts}</h1>
      <p class="lead">{c.pageIntro}</p>
      {props.services === null ? (
        <p>{c.notManaged}</p>
      ) : props.services.length === 0 ? (
        <div class="callout">
          <div class="callout-inner">
            <p class="mb-0" id="costs-empty">{c.empty(formatDate(ctx.locale, props.today))}</p>
          </div>
        </div>
      ) : (
        <>
          {props.published === null ? '' : <p class="text-muted" id="costs-dates">{c.published(formatDate(ctx.locale, props.published.on), formatDate(ctx.locale, props.published.updated))}</p>}
          <p class="text-muted">{c.frequency}</p>
          <p>
            <a href={props.csvHref} download="">{c.csvLink}</a>
          </p>
          {props.services.map((listing) => (
            <ServiceCosts ctx={ctx} listing={listing} />
          ))}
        </>
      )}
    </Layout>
  );
}

function ServiceCosts(props: { ctx: PageContext; listing: ServiceCostListing }): JSX.Element {
  const { ctx, listing } = props;
  const c = ctx.messages.costs;
  const lang = dataLang(ctx);
  const id = `costi-${listing.service.slug}`;
  const withVolume = listing.years.some((y) => y.costPerUnitCents !== null);
  const svg = renderCostChart({
    years: listing.years.map((y) => y.year),
    actual: listing.years.map((y) => y.actualCents / 100),
    staff: listing.years.map((y) => y.staffCents / 100),
    actualSeriesName: c.chartActual,
    staffSeriesName: c.chartStaff,
    formatAmount: (euro) => formatEuroWhole(ctx.locale, euro),
    label: c.chartLabel(listing.service.name),
  });
  const notes = listing.years.filter((y) => y.note !== null || y.source !== null);
  return (
    <section aria-labelledby={id} class="mb-5">
      <h2 id={id} lang={lang} safe>{listing.service.name}</h2>
      <figure>
        {svg}
        <figcaption class="text-muted small">{c.chartCaption}</figcaption>
      </figure>
      <div class="table-responsive">
        <table class="table" id={`${id}-tabella`}>
          <caption safe>{c.tableCaption(listing.service.name)}</caption>
          <thead>
            <tr>
              <th scope="col">{c.columns.year}</th>
              <th scope="col">{c.columns.actual}</th>
              <th scope="col">{c.columns.staff}</th>
              <th scope="col">{c.columns.total}</th>
              {withVolume ? <th scope="col">{c.columns.perUnit}</th> : ''}
              <th scope="col">{c.columns.change}</th>
            </tr>
          </thead>
          <tbody>
            {listing.years.map((year) => (
              <tr>
                <th scope="row">{String(year.year)}</th>
                <td class="num">{formatEuroCents(ctx.locale, year.actualCents)}</td>
                <td class="num">{formatEuroCents(ctx.locale, year.staffCents)}</td>
                <td class="num">{formatEuroCents(ctx.locale, year.totalCents)}</td>
                {withVolume ? <td class="num">{year.costPerUnitCents === null || year.volume === null ? '—' : `${formatEuroCents(ctx.locale, year.costPerUnitCents)} (${formatNumber(ctx.locale, year.volume)})`}</td> : ''}
                <td class="num">{formatChange(ctx.locale, year.changeFromPrevious)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {notes.length === 0 ? '' : (
        <ul class="small">
          {notes.map((year) => (
            <li>
              <strong>{`${year.year}: `}</strong>
              <span lang={lang} safe>{[year.note, year.source === null ? null : c.sourceNote(year.source)].filter((s) => s !== null).join(' — ')}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
