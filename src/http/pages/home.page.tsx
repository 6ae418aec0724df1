import type { Organisation } from '../../domain/cards/card.ts';
import type { ServiceSummary } from '../view/service-summary.ts';
import { Layout } from './layout.tsx';
import { dataLang, type PageContext } from './page-context.ts';
import { ServiceSummaryList } from './parts/service-summary-list.tsx';

export interface HomePageProps {
  ctx: PageContext;
  year: number;
  organisations: Organisation[];
  summaries: ServiceSummary[];
}

/** Home: the administrations, their services and how many standards each meets this year. */
export function HomePage(props: HomePageProps): JSX.Element {
  const { ctx } = props;
  const m = ctx.messages;
  return (
    <Layout ctx={ctx} title={m.homeTitle} breadcrumb={[]} section="home">
      <h1>{m.homeTitle}</h1>
      <p class="lead">{m.homeIntro}</p>
      {props.organisations.length > 1 ? (
        <section aria-labelledby="organisations-heading">
          <h2 id="organisations-heading">{m.organisations}</h2>
          <ul>
            {props.organisations.map((organisation) => (
              <li lang={dataLang(ctx)} safe>
                {organisation.name}
              </li>
            ))}
          </ul>
        </section>
      ) : (
        ''
      )}
      <section aria-labelledby="services-heading">
        <h2 id="services-heading">{m.standardsThisYear(props.year)}</h2>
        {props.summaries.length === 0 ? <p>{m.homeNoServices}</p> : <ServiceSummaryList ctx={ctx} year={props.year} summaries={props.summaries} headingLevel={3} />}
      </section>
    </Layout>
  );
}
