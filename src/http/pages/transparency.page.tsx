import { localePath } from '../i18n/locale.ts';
import { ReportDownloads } from './parts/document-downloads.tsx';
import { Layout } from './layout.tsx';
import type { PageContext } from './page-context.ts';
import { CARTA_DEI_SERVIZI, CLASS_ACTION, COSTI_CONTABILIZZATI, SERVIZI_IN_RETE, AMMINISTRAZIONE_TRASPARENTE } from './transparency-paths.ts';

interface SubSection {
  title: string;
  basis: string;
  /** A path when this site publishes the sub-section; otherwise `note` says why not. */
  path?: string;
  note?: string;
}

/** Amministrazione trasparente › Servizi erogati: the six sub-sections of d.lgs. 33/2013 and where each is. */
export function TransparencyPage(props: { ctx: PageContext; reportYear?: number }): JSX.Element {
  const { ctx } = props;
  const m = ctx.messages;
  const subSections: SubSection[] = [
    { title: m.serviceCharter, basis: 'art. 32 c.1 d.lgs. 33/2013', path: CARTA_DEI_SERVIZI },
    { title: m.classAction, basis: 'art. 1 c.2, art. 4 c.2 e c.6 d.lgs. 198/2009', path: CLASS_ACTION },
    { title: m.accountedCosts, basis: 'art. 32 c.2 lett. a d.lgs. 33/2013', path: COSTI_CONTABILIZZATI },
    { title: m.waitingLists, basis: 'art. 41 c.6 d.lgs. 33/2013', note: m.waitingListsOnlyHealth },
    { title: m.onlineServices, basis: 'art. 7 c.3 d.lgs. 82/2005', path: SERVIZI_IN_RETE },
    { title: m.averageTimes, basis: 'art. 32 c.2 lett. b d.lgs. 33/2013', note: m.repealed },
  ];
  return (
    <Layout ctx={ctx} title={m.servicesProvided} breadcrumb={[{ label: m.transparency, href: AMMINISTRAZIONE_TRASPARENTE }, { label: m.servicesProvided }]} section="transparency">
      <h1>{m.servicesProvided}</h1>
      <p class="lead">{m.transparencyIntro}</p>
      <ul class="list-unstyled">
        {subSections.map((sub) => (
          <li class="mb-3">
            {sub.path === undefined ? <strong>{sub.title}</strong> : <a href={localePath(ctx.locale, sub.path)} class="fw-semibold">{sub.title}</a>}
            <br />
            <span class="text-muted">{`${m.legalBasis}: ${sub.basis}`}</span>
            {sub.note === undefined ? '' : <><br /><span>{sub.note}</span></>}
          </li>
        ))}
      </ul>
      {props.reportYear === undefined ? '' : <ReportDownloads ctx={ctx} year={props.reportYear} />}
    </Layout>
  );
}
