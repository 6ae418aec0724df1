import type { IndicatorListing } from '../../actions/list-cards.action.ts';
import type { ServiceListing } from '../../actions/list-services.action.ts';
import type { IndicatorReport } from '../../domain/evaluation/indicator-report.ts';
import { MaintenanceWindows } from './parts/maintenance-windows.tsx';
import type { MaintenanceWindow } from '../../domain/probes/maintenance-window.ts';
import { renderIndicatorChart } from '../charts/indicator-chart.ts';
import { localePath } from '../i18n/locale.ts';
import { explainEvaluation } from '../view/explanation.ts';
import { formatDate, formatFraction, formatNumber, formatPeriod, formatPeriodShort, formatTarget, formatValue } from '../view/format.ts';
import { Layout } from './layout.tsx';
import { dataLang, type PageContext } from './page-context.ts';
import { indicatorTitle } from './parts/card-table.tsx';
import { Icon } from './parts/icon.tsx';
import { Status } from './parts/status.tsx';
import { DiffidaSection, type DiffidaOffer } from './parts/diffida-section.tsx';

export interface IndicatorPageProps {
  ctx: PageContext;
  listing: ServiceListing;
  year: number;
  /** The indicator as the card in force in `year` defines it. */
  indicator: IndicatorListing;
  /** Its evaluation for `year`; absent when nothing is measured yet. */
  report: IndicatorReport | undefined;
  /** Years with a card, for links to the same indicator in other years. */
  years: number[];
  /** Path of this page without the locale prefix or query, for download and year links. */
  basePath: string;
  /** The diffida form, this indicator preselected, when the site registers diffide and the indicator is in force. */
  diffida?: DiffidaOffer;
  /** Planned maintenance of the probes the indicator reads (none: no section). */
  maintenance?: readonly MaintenanceWindow[];
}

/** One indicator: definition, how it is measured, this year's result, monthly chart and table, downloads. */
export function IndicatorPage(props: IndicatorPageProps): JSX.Element {
  const { ctx, indicator, report } = props;
  const m = ctx.messages;
  const lang = dataLang(ctx);
  const title = indicatorTitle(indicator);
  const service = props.listing.service;
  const year = report?.year;
  const query = `?anno=${props.year}`;
  return (
    <Layout
      ctx={ctx}
      title={`${title} — ${service.name}`}
      breadcrumb={[{ label: m.services, href: '/servizi' }, { label: service.name, href: `/servizi/${service.slug}` }, { label: title }]}
      section="services"
    >
      <h1 lang={lang} safe>
        {title}
      </h1>
      <p class="lead">
        <a href={localePath(ctx.locale, `/servizi/${service.slug}`)} lang={lang} safe>
          {service.name}
        </a>
        {` — ${m.yearResult(props.year)}`}
      </p>

      <section aria-labelledby="definition-heading">
        <h2 id="definition-heading">{m.indicatorDefinition}</h2>
        <dl class="definition-list">
          <dt>{m.dimension}</dt>
          <dd lang={lang}>
            <span safe>{indicator.dimension}</span>
            {indicator.additional ? <span>{` — ${m.additionalDimension}`}</span> : ''}
          </dd>
          {indicator.subdimension === null ? '' : <><dt>{m.subdimension}</dt><dd lang={lang} safe>{indicator.subdimension}</dd></>}
          {indicator.description === null ? '' : <><dt>{m.indicator}</dt><dd lang={lang} safe>{indicator.description}</dd></>}
          {indicator.formula === null ? '' : <><dt>{m.formula}</dt><dd lang={lang} safe>{indicator.formula}</dd></>}
          <dt>{m.target}</dt>
          <dd lang={lang} safe>{indicator.target.text}</dd>
          {report?.targetReading === undefined ? '' : (
            <dd safe>{m.targetReading(indicator.target.text, `${formatTarget(ctx.locale, { ...report.targetReading, text: indicator.target.text })} (${report.targetReading.text})`)}</dd>
          )}
          {indicator.notes === null ? '' : <><dt>{m.notes}</dt><dd lang={lang} safe>{indicator.notes}</dd></>}
        </dl>
      </section>

      <section aria-labelledby="measure-heading">
        <h2 id="measure-heading">{m.howWeMeasure}</h2>
        {report === undefined ? <p>{m.notMeasurable}</p> : <p safe>{report.measureDescription[ctx.locale]}</p>}
      </section>

      <section aria-labelledby="result-heading">
        <h2 id="result-heading">{m.yearResult(props.year)}</h2>
        {report?.fault === undefined ? '' : (
          <div class="alert alert-warning" role="status">
            {m.faultNotice} <span lang="en" safe>{report.fault.reason}</span>
          </div>
        )}
        <p>
          <Status ctx={ctx} status={year?.status ?? 'no-data'} />
          {year === undefined ? '' : <span class="ms-2 text-muted">{`(${m.asOf(formatDate(ctx.locale, year.asOf))})`}</span>}
          {year?.measuredFrom == null ? '' : <span class="ms-2 text-muted">{`(${m.measuredFrom(formatDate(ctx.locale, year.measuredFrom))})`}</span>}
        </p>
        {year === undefined ? '' : (
          <>
            <ul class="summary-figures">
              <li>
                <span class="figure">{formatValue(ctx.locale, year.value, year.unit)}</span>
                {m.measured}
              </li>
              <li>
                <span class="figure" safe>{formatTarget(ctx.locale, year.target)}</span>
                {m.target}
              </li>
              <li>
                <span class="figure">{formatFraction(ctx.locale, year.numerator, year.denominator, year.unit)}</span>
                {m.fraction}
              </li>
              <li>
                <span class="figure">{year.budgetLeft === null ? '—' : formatNumber(ctx.locale, year.budgetLeft)}</span>
                {m.budgetLeft}
              </li>
              <li>
                <span class="figure">{formatValue(ctx.locale, year.forecast, year.unit)}</span>
                {m.forecast}
              </li>
            </ul>
            <p safe>
              {m.resultSentence[year.status](formatValue(ctx.locale, year.value, year.unit), formatTarget(ctx.locale, year.target))}
            </p>
            <p safe>{explainEvaluation(ctx.locale, year)}</p>
            {year.openItems === undefined || year.openItems.count === 0 ? '' : <p safe>{m.openItems(year.openItems.count, year.openItems.overLimit)}</p>}
            <p class="text-muted small">{m.budgetLeftHelp}</p>
          </>
        )}
      </section>

      {props.maintenance === undefined || props.maintenance.length === 0 ? '' : <MaintenanceWindows ctx={ctx} windows={props.maintenance} />}

      <section aria-labelledby="periods-heading">
        <h2 id="periods-heading">{m.monthlyValues}</h2>
        {report === undefined || report.periods.length === 0 ? <p>{m.noPeriods}</p> : <PeriodsView ctx={ctx} report={report} title={title} />}
      </section>

      <section aria-labelledby="downloads-heading">
        <h2 id="downloads-heading">{m.downloads}</h2>
        <ul class="list-unstyled">
          <li>
            <a href={localePath(ctx.locale, `${props.basePath}/dati.csv${query}`)} download="">
              <Icon name="it-file-csv" size="sm" /> {m.downloadCsv}
            </a>
          </li>
          <li>
            <a href={localePath(ctx.locale, `${props.basePath}/dati.json${query}`)} download="">
              <Icon name="it-file-json" size="sm" /> {m.downloadJson}
            </a>
          </li>
        </ul>
      </section>

      {props.diffida === undefined || !props.diffida.standards.some((standard) => standard.slug === indicator.slug) ? '' : (
        <section aria-labelledby="diffida-heading">
          <h2 id="diffida-heading">{m.diffidaTitle}</h2>
          <DiffidaSection ctx={ctx} serviceSlug={service.slug} serviceName={service.name} offer={props.diffida} model={false} indicator={indicator.slug} />
        </section>
      )}

      {props.years.length < 2 ? '' : (
        <nav aria-labelledby="years-heading">
          <h2 id="years-heading" class="h5">{m.otherYears}</h2>
          <ul class="list-inline">
            {props.years.map((y) => (
              <li class="list-inline-item">
                {y === props.year ? <span aria-current="page">{String(y)}</span> : <a href={localePath(ctx.locale, `${props.basePath}?anno=${y}`)}>{String(y)}</a>}
              </li>
            ))}
          </ul>
        </nav>
      )}
    </Layout>
  );
}

function PeriodsView(props: { ctx: PageContext; report: IndicatorReport; title: string }): JSX.Element {
  const { ctx, report } = props;
  const m = ctx.messages;
  const unit = report.year.unit ?? report.year.target.unit;
  const svg = renderIndicatorChart({
    labels: report.periods.map((p) => formatPeriodShort(ctx.locale, p.period)),
    values: report.periods.map((p) => p.value),
    target: report.year.target.value,
    unitLabel: unit === null ? '' : m.units[unit],
    percent: unit === 'percent',
    valueSeriesName: m.chartValueSeries,
    targetSeriesName: m.chartTargetSeries,
    label: m.chartLabel(props.title),
    formatNumber: (value) => formatNumber(ctx.locale, value),
  });
  return (
    <>
      <figure>
        {svg}
        <figcaption class="text-muted small">{m.chartCaption}</figcaption>
      </figure>
      <div class="table-responsive">
        <table class="table">
          <caption>{m.periodTableCaption}</caption>
          <thead>
            <tr>
              <th scope="col">{m.period}</th>
              <th scope="col">{m.measured}</th>
              <th scope="col">{m.target}</th>
              <th scope="col">{m.fraction}</th>
              <th scope="col">{m.status}</th>
            </tr>
          </thead>
          <tbody>
            {report.periods.map((period) => (
              <tr>
                <th scope="row">{formatPeriod(ctx.locale, period.period)}</th>
                <td class="num">{formatValue(ctx.locale, period.value, period.unit)}</td>
                <td safe>{period.shareOfTarget === undefined ? formatTarget(ctx.locale, period.target) : formatTarget(ctx.locale, { ...period.target, value: period.shareOfTarget })}</td>
                <td class="num">{formatFraction(ctx.locale, period.numerator, period.denominator, period.unit)}</td>
                <td>
                  <Status ctx={ctx} status={period.status} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
