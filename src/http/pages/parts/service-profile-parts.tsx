import type { ServiceListing } from '../../../actions/list-services.action.ts';
import { formatEuroAmount, type ComplaintTerms } from '../../../domain/services/service-profile.ts';
import type { Locale } from '../../i18n/locale.ts';
import { dataLang, type PageContext } from '../page-context.ts';

/** An amount in euro as the page's language writes it ("€ 1.250,50", "€1,250.50"). */
export function formatEuro(locale: Locale, cents: number): string {
  if (locale === 'it') return `€ ${formatEuroAmount(cents)}`;
  const digits = cents % 100 === 0 ? 0 : 2;
  return `€${(cents / 100).toLocaleString('en-GB', { minimumFractionDigits: digits, maximumFractionDigits: digits })}`;
}

/** Text typed in the back office: its lines as paragraphs, in the data's language. */
export function ProfileText(props: { ctx: PageContext; text: string }): JSX.Element {
  return (
    <div lang={dataLang(props.ctx)}>
      {props.text.split(/\n+/).map((line) => <p class="mb-2" safe>{line}</p>)}
    </div>
  );
}

const NO_TERMS: ComplaintTerms = { how: null, responseDays: null, indemnity: null };

/** "Reclami e indennizzi": how and where to complain, the response time, and the indemnity or that none is provided. */
export function ComplaintsSection(props: { ctx: PageContext; profile: ServiceListing['profile'] }): JSX.Element {
  const { ctx } = props;
  const m = ctx.messages;
  const terms = props.profile?.complaints ?? NO_TERMS;
  const { indemnity } = terms;
  return (
    <section aria-labelledby="complaints-heading" id="complaints">
      <h2 id="complaints-heading">{m.complaintsTitle}</h2>
      <dl class="definition-list">
        <dt>{m.complaintsHow}</dt>
        <dd>{terms.how === null ? m.complaintsHowMissing : <ProfileText ctx={ctx} text={terms.how} />}</dd>
        {terms.responseDays === null ? '' : <><dt>{m.complaintsResponse}</dt><dd>{m.complaintsResponseDays(terms.responseDays)}</dd></>}
        <dt>{m.indemnityTitle}</dt>
        <dd id="indemnity">
          {indemnity === null ? m.indemnityNone : (
            <>
              {indemnity.amountCents === null ? '' : <p class="mb-2"><strong>{formatEuro(ctx.locale, indemnity.amountCents)}</strong></p>}
              {indemnity.conditions === null ? '' : <><p class="mb-1">{`${m.indemnityConditions}:`}</p><ProfileText ctx={ctx} text={indemnity.conditions} /></>}
            </>
          )}
        </dd>
      </dl>
    </section>
  );
}

/** The diffida's PEC address and the complaint terms in a few lines: the charter section lists them beside each service's cards. */
export function ProfileSummary(props: { ctx: PageContext; profile: ServiceListing['profile'] }): JSX.Element {
  const { ctx } = props;
  const m = ctx.messages;
  const terms = props.profile?.complaints ?? NO_TERMS;
  const { indemnity } = terms;
  const pec = props.profile?.diffida.pec ?? null;
  const indemnityText =
    indemnity === null
      ? m.indemnityNone
      : [indemnity.amountCents === null ? null : formatEuro(ctx.locale, indemnity.amountCents), indemnity.conditions].filter((part) => part !== null).join(' — ');
  return (
    <dl class="definition-list small profile-summary">
      {pec === null ? '' : <><dt>{`${m.diffidaPecLabel} (diffida)`}</dt><dd><a href={`mailto:${pec}`} safe>{pec}</a></dd></>}
      <dt>{m.complaintsHow}</dt>
      <dd lang={terms.how === null ? undefined : dataLang(ctx)} safe>{terms.how ?? m.complaintsHowMissing}</dd>
      {terms.responseDays === null ? '' : <><dt>{m.complaintsResponse}</dt><dd>{m.complaintsResponseDays(terms.responseDays)}</dd></>}
      <dt>{m.indemnityTitle}</dt>
      <dd safe>{indemnityText}</dd>
    </dl>
  );
}
