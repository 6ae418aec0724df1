import { localePath } from '../../i18n/locale.ts';
import type { ServiceSummary } from '../../view/service-summary.ts';
import { dataLang, type PageContext } from '../page-context.ts';
import { Icon } from './icon.tsx';

/** Services as cards: name, administration and how many standards are met in the year. */
export function ServiceSummaryList(props: { ctx: PageContext; year: number; summaries: ServiceSummary[]; headingLevel: 2 | 3 }): JSX.Element {
  const { ctx } = props;
  const m = ctx.messages;
  const Heading = props.headingLevel === 2 ? 'h2' : 'h3';
  return (
    <ul class="row list-unstyled">
      {props.summaries.map((summary) => (
        <li class="col-12 col-lg-6 mb-4">
          <div class="card card-bg h-100">
            <div class="card-body">
              <Heading class="card-title h5">
                <a href={localePath(ctx.locale, `/servizi/${summary.slug}`)} lang={dataLang(ctx)} safe>
                  {summary.name}
                </a>
              </Heading>
              <p class="card-text text-muted mb-2" lang={dataLang(ctx)} safe>
                {summary.organisationName}
              </p>
              {summary.edition === null ? (
                <p class="card-text">{m.noCardForYear(props.year)}</p>
              ) : (
                <>
                  <p class="card-text mb-1">
                    <Icon name="it-chart-line" size="sm" /> <strong>{m.standardsMet(summary.counts.met, summary.total)}</strong>
                  </p>
                  <p class="card-text">{m.standardsSummary(summary.counts['at-risk'], summary.counts.missed, summary.counts['no-data'], summary.counts['below-target'])}</p>
                </>
              )}
            </div>
          </div>
        </li>
      ))}
    </ul>
  );
}
