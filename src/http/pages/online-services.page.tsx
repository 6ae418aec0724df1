import { Layout } from './layout.tsx';
import type { PageContext } from './page-context.ts';
import { SERVIZI_EROGATI, AMMINISTRAZIONE_TRASPARENTE } from './transparency-paths.ts';

/** Servizi in rete (art. 7 c.3 CAD): user satisfaction with online services; empty until surveys exist. */
export function OnlineServicesPage(props: { ctx: PageContext }): JSX.Element {
  const { ctx } = props;
  const m = ctx.messages;
  return (
    <Layout
      ctx={ctx}
      title={m.onlineServices}
      breadcrumb={[{ label: m.transparency, href: AMMINISTRAZIONE_TRASPARENTE }, { label: m.servicesProvided, href: SERVIZI_EROGATI }, { label: m.onlineServices }]}
      section="transparency"
    >
      <h1>{m.onlineServices}</h1>
      <p class="lead">{m.onlineServicesIntro}</p>
      <div class="callout">
        <div class="callout-inner">
          <p class="mb-0">{m.onlineServicesEmpty}</p>
        </div>
      </div>
    </Layout>
  );
}
