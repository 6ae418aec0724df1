import { Layout } from './layout.tsx';
import type { PageContext } from './page-context.ts';
import { SERVIZI_EROGATI, AMMINISTRAZIONE_TRASPARENTE } from './transparency-paths.ts';

/** Class action (d.lgs. 198/2009): what is published here, and for now that there is nothing to publish. */
export function ClassActionPage(props: { ctx: PageContext }): JSX.Element {
  const { ctx } = props;
  const m = ctx.messages;
  return (
    <Layout
      ctx={ctx}
      title={m.classAction}
      breadcrumb={[{ label: m.transparency, href: AMMINISTRAZIONE_TRASPARENTE }, { label: m.servicesProvided, href: SERVIZI_EROGATI }, { label: m.classAction }]}
      section="transparency"
    >
      <h1>{m.classAction}</h1>
      <p class="lead">{m.classActionIntro}</p>
      <div class="callout">
        <div class="callout-inner">
          <p class="mb-0">{m.classActionEmpty}</p>
        </div>
      </div>
    </Layout>
  );
}
