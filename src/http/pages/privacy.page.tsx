import type { AdministrationConfig, PrivacyConfig } from '../../config/config.ts';
import { Layout } from './layout.tsx';
import type { PageContext } from './page-context.ts';

/** What the notice states: the administration's settings, with the default retention when none is configured. */
export interface PrivacyNoticeFacts {
  controller: string | null;
  email: string | null;
  pec: string | null;
  privacy: PrivacyConfig;
}

/** The notice's facts from the settings; unset ones are said to be missing on the page (and by `misura doctor`). */
export function privacyNoticeFactsOf(administration: AdministrationConfig | undefined): PrivacyNoticeFacts {
  return {
    controller: administration?.privacy.controller ?? null,
    email: administration?.email ?? null,
    pec: administration?.pec ?? null,
    privacy: administration?.privacy ?? { controller: null, dpoEmail: null, logRetentionDays: 90, diffidaRetentionYears: 5 },
  };
}

function MailLink(props: { address: string }): JSX.Element {
  return (
    <a href={`mailto:${props.address}`} safe>
      {props.address}
    </a>
  );
}

/** The privacy notice (GDPR art. 13): controller, DPO, purposes and legal basis, data, retention, recipients, rights, complaint. */
export function PrivacyPage(props: { ctx: PageContext; facts: PrivacyNoticeFacts }): JSX.Element {
  const { ctx, facts } = props;
  const p = ctx.messages.privacy;
  return (
    <Layout ctx={ctx} title={p.title} breadcrumb={[{ label: p.title }]} section="none">
      <h1>{p.heading}</h1>
      <p class="lead">{p.intro}</p>
      <h2>{p.controllerTitle}</h2>
      {facts.controller === null ? <p>{p.controllerMissing}</p> : <p safe>{facts.controller}</p>}
      {facts.email === null && facts.pec === null ? (
        ''
      ) : (
        <ul>
          {facts.email === null ? '' : <li>{p.contactEmail}: <MailLink address={facts.email} /></li>}
          {facts.pec === null ? '' : <li>{p.contactPec}: <MailLink address={facts.pec} /></li>}
        </ul>
      )}
      <h2>{p.dpoTitle}</h2>
      {facts.privacy.dpoEmail === null ? (
        <p>{p.dpoMissing}</p>
      ) : (
        <p>
          {p.dpoContact} <MailLink address={facts.privacy.dpoEmail} />.
        </p>
      )}
      <h2>{p.purposesTitle}</h2>
      <ul>
        {p.purposes.map((purpose) => (
          <li>{purpose}</li>
        ))}
      </ul>
      <p>{p.legalBasis}</p>
      <h2>{p.dataTitle}</h2>
      <ul>
        <li>{p.dataLogs}</li>
        <li>{p.dataAccounts}</li>
        <li>{p.dataDiffide}</li>
        <li>{p.dataSatisfaction}</li>
      </ul>
      <p>{p.dataRequired}</p>
      <h2>{p.retentionTitle}</h2>
      <ul>
        <li>{p.retentionLogs(facts.privacy.logRetentionDays)}</li>
        <li>{p.retentionDiffide(facts.privacy.diffidaRetentionYears)}</li>
        <li>{p.retentionSatisfaction}</li>
        <li>{p.retentionAccounts}</li>
      </ul>
      <h2>{p.recipientsTitle}</h2>
      <ul>
        {p.recipients.map((recipient) => (
          <li>{recipient}</li>
        ))}
      </ul>
      <h2>{p.rightsTitle}</h2>
      <p>{p.rights}</p>
      <h2>{p.complaintTitle}</h2>
      <p>
        {p.complaint} <a href="https://www.garanteprivacy.it/">{p.complaintSite}</a>, {p.complaintCourt}
      </p>
    </Layout>
  );
}
