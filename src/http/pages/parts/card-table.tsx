import type { IndicatorListing } from '../../../actions/list-cards.action.ts';
import type { IndicatorReport } from '../../../domain/evaluation/indicator-report.ts';
import { renderSparkline } from '../../charts/sparkline.ts';
import { localePath } from '../../i18n/locale.ts';
import { formatFraction, formatPeriodShort, formatTarget, formatValue } from '../../view/format.ts';
import { dataLang, type PageContext } from '../page-context.ts';
import { Status } from './status.tsx';

/** The words that name an indicator: its description, else its formula, else its dimension. */
export function indicatorTitle(indicator: Pick<IndicatorListing, 'description' | 'formula' | 'dimension'>): string {
  return indicator.description?.trim() || indicator.formula?.trim() || indicator.dimension;
}

export interface CardTableProps {
  ctx: PageContext;
  serviceSlug: string;
  /** Caption text: which edition and year. */
  caption: string;
  indicators: IndicatorListing[];
  /** Evaluations of these indicators, by indicator slug; absent ones show as "dati assenti". */
  reports: ReadonlyMap<string, IndicatorReport>;
  /** The year the measured values belong to, passed to indicator links when it is not the current one. */
  linkYear: number | null;
}

/** The card table: each indicator with its valore programmato, measured value, fraction, status and monthly trend. */
export function CardTable(props: CardTableProps): JSX.Element {
  const { ctx } = props;
  const m = ctx.messages;
  const lang = dataLang(ctx);
  return (
    <div class="table-responsive">
      <table class="table card-table">
        <caption safe>{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">{m.dimension}</th>
            <th scope="col">{m.indicator}</th>
            <th scope="col">{m.target}</th>
            <th scope="col">{m.measured}</th>
            <th scope="col">{m.fraction}</th>
            <th scope="col">{m.status}</th>
            <th scope="col">{m.trend}</th>
          </tr>
        </thead>
        <tbody>
          {props.indicators.map((indicator) => {
            const report = props.reports.get(indicator.slug);
            const year = report?.year;
            const query = props.linkYear === null ? '' : `?anno=${props.linkYear}`;
            const link = localePath(ctx.locale, `/servizi/${props.serviceSlug}/indicatori/${indicator.slug}${query}`);
            return (
              <tr>
                <td lang={lang}>
                  <span safe>{indicator.dimension}</span>
                  {indicator.additional ? <> <abbr title={m.additionalDimension}>(*)</abbr></> : ''}
                  {indicator.subdimension === null ? '' : <><br /><span class="text-muted" safe>{indicator.subdimension}</span></>}
                </td>
                <th scope="row" class="fw-normal">
                  <a href={link} lang={lang} safe>
                    {indicatorTitle(indicator)}
                  </a>
                </th>
                <td>
                  {/* The comparator always shown ("≥ 95%"), the card's own words beside it when they say more. */}
                  <span safe>{formatTarget(ctx.locale, year?.target ?? indicator.target)}</span>
                  {formatTarget(ctx.locale, year?.target ?? indicator.target) === indicator.target.text ? '' : (
                    <><br /><span class="text-muted small" lang={lang} safe>{indicator.target.text}</span></>
                  )}
                </td>
                <td class="num">{year ? formatValue(ctx.locale, year.value, year.unit) : '—'}</td>
                <td class="num">{year ? formatFraction(ctx.locale, year.numerator, year.denominator, year.unit) : '—'}</td>
                <td>
                  <Status ctx={ctx} status={year?.status ?? 'no-data'} />
                </td>
                <td>{report ? trendOf(ctx, report) : m.noTrend}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function trendOf(ctx: PageContext, report: IndicatorReport): string {
  if (report.periods.every((period) => period.value === null)) return ctx.messages.noTrend;
  const words = report.periods.map((period) => `${formatPeriodShort(ctx.locale, period.period)} ${period.value === null ? ctx.messages.statuses['no-data'] : formatValue(ctx.locale, period.value, period.unit)}`).join(', ');
  return renderSparkline(
    report.periods.map((period) => period.value),
    report.year.target.value,
    ctx.messages.trendLabel(words),
  );
}
