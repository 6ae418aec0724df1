import type { ServiceSummary } from '../view/service-summary.ts';
import { Layout } from './layout.tsx';
import type { PageContext } from './page-context.ts';
import { ServiceSummaryList } from './parts/service-summary-list.tsx';

/** Every service with published standards. */
export function ServicesPage(props: { ctx: PageContext; year: number; summaries: ServiceSummary[] }): JSX.Element {
  const { ctx } = props;
  const m = ctx.messages;
  return (
    <Layout ctx={ctx} title={m.services} breadcrumb={[{ label: m.services }]} section="services">
      <h1>{m.services}</h1>
      <p class="lead">{m.servicesIntro}</p>
      {props.summaries.length === 0 ? <p>{m.homeNoServices}</p> : <ServiceSummaryList ctx={ctx} year={props.year} summaries={props.summaries} headingLevel={2} />}
    </Layout>
  );
}
