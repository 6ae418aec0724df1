import type { DrillDown, DrillDownDay } from '../../actions/evaluation-drill-down.action.ts';
import type { IndicatorEvaluation } from '../../domain/evaluation/evaluation.ts';
import type { IndicatorReport } from '../../domain/evaluation/indicator-report.ts';
import { localePath } from '../i18n/locale.ts';
import { formatDate, formatNumber, formatPeriod, formatTarget, formatValue } from '../view/format.ts';
import { Layout } from './layout.tsx';
import { dataLang, type PageContext } from './page-context.ts';
import { Status } from './parts/status.tsx';

/** The drill-down's address for an indicator, a year and optionally a day (the dashboard and this page link to it). */
export function drillDownHref(ctx: Pick<PageContext, 'locale'>, target: { service: string; indicator: string; year: number; day?: string }, path = '/admin/valutazione'): string {
  const query = new URLSearchParams({ servizio: target.service, indicatore: target.indicator, anno: String(target.year) });
  if (target.day !== undefined) query.set('giorno', target.day);
  return `${localePath(ctx.locale, path)}?${query.toString()}`;
}

export interface AdminEvaluationPageProps {
  ctx: PageContext;
  year: number;
  /** The indicator's drill-down; undefined with `choices` when none was asked for, or with `notFound`. */
  drillDown?: DrillDown;
  /** Every indicator of the year, to pick one from. */
  choices?: IndicatorReport[];
  notFound?: boolean;
}

/** The evaluation of one indicator, from its year to its months, days and a day's events; or the list to pick one from. */
export function AdminEvaluationPage(props: AdminEvaluationPageProps): JSX.Element {
  const { ctx } = props;
  const m = ctx.messages;
  const drill = props.drillDown;
  const name = drill === undefined ? undefined : (drill.report.indicator.description ?? drill.report.indicator.slug);
  const crumbs = [{ label: m.adminTitle, href: '/admin' }, ...(drill === undefined ? [{ label: m.drillLink }] : [{ label: m.drillLink, href: '/admin/valutazione' }, { label: name ?? '' }])];
  return (
    <Layout ctx={ctx} title={name === undefined ? m.drillLink : m.drillTitle(name)} breadcrumb={crumbs} section="none">
      {drill === undefined ? (
        <>
          <h1>{m.drillLink}</h1>
          {props.notFound === true ? <div class="alert alert-warning" role="alert">{m.drillNotFound}</div> : ''}
          <p>{m.drillIntro}</p>
          <h2 class="h4">{m.drillYearHeading(props.year)}</h2>
          <IndicatorList ctx={ctx} year={props.year} reports={props.choices ?? []} />
        </>
      ) : (
        <DrillDownView ctx={ctx} year={props.year} drill={drill} name={name ?? ''} />
      )}
    </Layout>
  );
}

/** Every indicator of the year with its value, each linked to its drill-down (the dashboard shows the same list). */
export function IndicatorList(props: { ctx: PageContext; year: number; reports: readonly IndicatorReport[]; id?: string }): JSX.Element {
  const { ctx } = props;
  const m = ctx.messages;
  return (
    <div class="table-responsive">
      <table class="table table-sm" id={props.id ?? 'indicator-list'}>
        <caption class="visually-hidden">{m.dashboardIndicators}</caption>
        <thead>
          <tr>{['indicator', 'value', 'status'].map((c) => <th scope="col">{m.dashboardIndicatorColumns[c] ?? c}</th>)}</tr>
        </thead>
        <tbody>
          {props.reports.map((r) => {
            const href = drillDownHref(ctx, { service: r.service.slug, indicator: r.indicator.slug, year: props.year });
            return (
              <tr>
                <td>
                  <span safe lang={dataLang(ctx)}>{`${r.service.name} — ${r.indicator.description ?? r.indicator.slug}`}</span>
                </td>
                <td>
                  <a href={href} safe>{formatValue(ctx.locale, r.year.value, r.year.unit)}</a>
                </td>
                <td>
                  <Status ctx={ctx} status={r.year.status} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function DrillDownView(props: { ctx: PageContext; year: number; drill: DrillDown; name: string }): JSX.Element {
  const { ctx, drill } = props;
  const m = ctx.messages;
  const { report } = drill;
  const target = { service: report.service.slug, indicator: report.indicator.slug, year: props.year };
  const judged = drill.months.some((month) => month.days.length > 0);
  return (
    <>
      <h1>
        <span safe lang={dataLang(ctx)}>{props.name}</span>
      </h1>
      <p safe lang={dataLang(ctx)}>{report.service.name}</p>
      <p>{m.drillIntro}</p>
      <h2 class="h4" id="year">{m.drillYearHeading(props.year)}</h2>
      <dl class="row" id="drill-year">
        <dt class="col-sm-3">{m.drillColumns.value}</dt>
        <dd class="col-sm-9" safe>{formatValue(ctx.locale, report.year.value, report.year.unit)}</dd>
        <dt class="col-sm-3">{m.drillColumns.numerator}</dt>
        <dd class="col-sm-9" safe>{numberText(ctx, report.year.numerator)}</dd>
        <dt class="col-sm-3">{m.drillColumns.denominator}</dt>
        <dd class="col-sm-9" safe>{numberText(ctx, report.year.denominator)}</dd>
        <dt class="col-sm-3">{m.drillTarget}</dt>
        <dd class="col-sm-9" safe>{formatTarget(ctx.locale, report.year.target)}</dd>
        <dt class="col-sm-3">{m.drillColumns.status}</dt>
        <dd class="col-sm-9"><Status ctx={ctx} status={report.year.status} /></dd>
        <dt class="col-sm-3">{m.drillAsOf}</dt>
        <dd class="col-sm-9" safe>{formatDate(ctx.locale, report.year.asOf)}</dd>
      </dl>
      {judged ? <p>{drill.additive ? m.drillAdditive : m.drillNotAdditive}</p> : <p>{m.drillNoMeasure}</p>}
      {drill.day === undefined ? '' : <DayEvents ctx={ctx} drill={drill} target={target} />}
      <h2 class="h4">{m.drillMonthsHeading}</h2>
      <EvaluationTable ctx={ctx} caption={m.drillMonthsHeading} id="drill-months" rows={drill.months.map((month) => ({ label: formatPeriod(ctx.locale, month.evaluation.period), href: `#mese-${month.evaluation.period.key}`, evaluation: month.evaluation }))} />
      {drill.months
        .filter((month) => month.days.length > 0)
        .map((month, index, shown) => {
          const key = month.evaluation.period.key;
          const title = m.drillDaysOf(formatPeriod(ctx.locale, month.evaluation.period));
          // A year of days is long: each month folds away (natively, without script); the chosen day's month, or else
          // the latest, is open.
          const open = drill.day === undefined ? index === shown.length - 1 : drill.day.date.startsWith(`${key}-`);
          return (
            <details id={`mese-${key}`} class="mb-3" open={open}>
              <summary class="h5" safe>{title}</summary>
              <DayTable ctx={ctx} days={month.days} caption={title} unit={month.evaluation.unit} target={target} />
            </details>
          );
        })}
    </>
  );
}

function EvaluationTable(props: { ctx: PageContext; caption: string; id: string; rows: { label: string; href: string; evaluation: IndicatorEvaluation }[] }): JSX.Element {
  const { ctx } = props;
  const m = ctx.messages;
  return (
    <div class="table-responsive">
      <table class="table table-sm" id={props.id}>
        <caption class="visually-hidden" safe>{props.caption}</caption>
        <thead>
          <tr>{['period', 'value', 'numerator', 'denominator', 'status'].map((c) => <th scope="col">{m.drillColumns[c] ?? c}</th>)}</tr>
        </thead>
        <tbody>
          {props.rows.map((row) => (
            <tr>
              <th scope="row">
                <a href={row.href} safe>{row.label}</a>
              </th>
              <td safe>{formatValue(ctx.locale, row.evaluation.value, row.evaluation.unit)}</td>
              <td safe>{numberText(ctx, row.evaluation.numerator)}</td>
              <td safe>{numberText(ctx, row.evaluation.denominator)}</td>
              <td><Status ctx={ctx} status={row.evaluation.status} /></td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function DayTable(props: { ctx: PageContext; days: DrillDownDay[]; caption: string; unit: IndicatorEvaluation['unit']; target: { service: string; indicator: string; year: number } }): JSX.Element {
  const { ctx } = props;
  const m = ctx.messages;
  const notes = (day: DrillDownDay) =>
    [day.holiday === null ? (day.workingDay ? '' : m.drillNonWorking) : m.drillHoliday(day.holiday), day.status === 'no-data' ? m.drillNoData : ''].filter((note) => note !== '').join('; ');
  return (
    <div class="table-responsive">
      <table class="table table-sm drill-days">
        <caption class="visually-hidden" safe>{props.caption}</caption>
        <thead>
          <tr>{['day', 'value', 'numerator', 'denominator', 'status', 'notes'].map((c) => <th scope="col">{m.drillColumns[c] ?? c}</th>)}</tr>
        </thead>
        <tbody>
          {props.days.map((day) => (
            <tr class={day.workingDay ? undefined : 'table-light'}>
              <th scope="row">
                <a href={`${drillDownHref(ctx, { ...props.target, day: day.date })}#giorno`} safe>{formatDate(ctx.locale, day.date)}</a>
              </th>
              <td safe>{formatValue(ctx.locale, day.value, props.unit)}</td>
              <td safe>{numberText(ctx, day.numerator)}</td>
              <td safe>{numberText(ctx, day.denominator)}</td>
              <td><Status ctx={ctx} status={day.status} /></td>
              <td safe>{notes(day)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function DayEvents(props: { ctx: PageContext; drill: DrillDown; target: { service: string; indicator: string; year: number } }): JSX.Element {
  const { ctx } = props;
  const m = ctx.messages;
  const day = props.drill.day!;
  const date = formatDate(ctx.locale, day.date);
  const rest = day.total - day.events.length;
  return (
    <section id="giorno" aria-labelledby="giorno-heading" class="mb-4">
      <h2 class="h4" id="giorno-heading" safe>{m.drillDayHeading(date)}</h2>
      <p>{m.drillDayIntro}</p>
      <p>
        <a href={drillDownHref(ctx, { ...props.target, day: day.date }, '/admin/valutazione.csv')} download="" safe>{m.drillCsv(date)}</a>
      </p>
      {day.total === 0 ? <p>{m.drillNoEvents}</p> : (
        // Wide attributes scroll sideways: the region takes the keyboard's focus so they can be read without a mouse.
        <div class="table-responsive" tabindex="0" role="region" aria-labelledby="giorno-heading">
          <table class="table table-sm" id="day-events">
            <caption class="visually-hidden" safe>{m.drillDayHeading(date)}</caption>
            <thead>
              <tr>{['occurredAt', 'source', 'id', 'kind', 'subject', 'attributes'].map((c) => <th scope="col">{m.drillEventColumns[c] ?? c}</th>)}</tr>
            </thead>
            <tbody>
              {day.events.map((event) => (
                <tr>
                  <td safe>{event.occurredAt.toISOString()}</td>
                  <td><code safe>{event.source}</code></td>
                  <td><code safe>{event.id}</code></td>
                  <td safe>{event.kind}</td>
                  <td safe>{event.subject ?? ''}</td>
                  <td><code safe>{JSON.stringify(event.attributes)}</code></td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {rest > 0 ? <p id="day-events-more">{m.drillMoreEvents(rest)}</p> : ''}
    </section>
  );
}

function numberText(ctx: PageContext, value: number | null): string {
  return value === null ? '—' : formatNumber(ctx.locale, value);
}
