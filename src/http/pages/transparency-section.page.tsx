import { localePath } from '../i18n/locale.ts';
import { Layout } from './layout.tsx';
import type { PageContext } from './page-context.ts';
import { SERVIZI_EROGATI } from './transparency-paths.ts';

/** Amministrazione trasparente: the section this site publishes, so that the breadcrumb's first step leads somewhere. */
export function TransparencySectionPage(props: { ctx: PageContext }): JSX.Element {
  const { ctx } = props;
  const m = ctx.messages;
  return (
    <Layout ctx={ctx} title={m.transparency} breadcrumb={[{ label: m.transparency }]} section="transparency">
      <h1>{m.transparency}</h1>
      <p class="lead">{m.transparencySectionIntro}</p>
      <ul>
        <li>
          <a href={localePath(ctx.locale, SERVIZI_EROGATI)}>{m.servicesProvided}</a>
        </li>
      </ul>
    </Layout>
  );
}
