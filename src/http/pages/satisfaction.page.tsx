import type { ServiceListing } from '../../actions/list-services.action.ts';
import type { VoteOutcome } from '../../actions/satisfaction.action.ts';
import type { SatisfactionChannel } from '../../domain/satisfaction/satisfaction-vote.ts';
import { localePath } from '../i18n/locale.ts';
import { Layout } from './layout.tsx';
import type { PageContext } from './page-context.ts';
import { SatisfactionForm, type SatisfactionFormValues } from './parts/satisfaction-form.tsx';
import { SERVIZI_IN_RETE } from './transparency-paths.ts';

export interface SatisfactionFormPageProps {
  ctx: PageContext;
  listing: ServiceListing;
  channels: readonly SatisfactionChannel[];
  values: SatisfactionFormValues;
  token: string;
  /** Filled in on the service page: the user confirms here. */
  checking: boolean;
  error?: { field: string; message: string };
}

/** The vote form on its own page, with its single-use token: never cached. */
export function SatisfactionFormPage(props: SatisfactionFormPageProps): JSX.Element {
  const { ctx, listing } = props;
  const m = ctx.messages.satisfaction;
  const { service } = listing;
  return (
    <Layout
      ctx={ctx}
      title={m.titleOf(service.name)}
      breadcrumb={[{ label: ctx.messages.services, href: '/servizi' }, { label: service.name, href: `/servizi/${service.slug}` }, { label: m.title }]}
      section="services"
    >
      <h1 safe>{m.titleOf(service.name)}</h1>
      <p class="lead">{props.checking ? m.checkIntro : m.intro}</p>
      <SatisfactionForm
        ctx={ctx}
        action={localePath(ctx.locale, `/servizi/${service.slug}/soddisfazione`)}
        token={props.token}
        channels={props.channels}
        values={props.values}
        idPrefix="vote"
        {...(props.error === undefined ? {} : { error: props.error })}
      />
    </Layout>
  );
}

/** After a vote: counted, or a repeat of today's (said plainly, not as an error). */
export function SatisfactionThanksPage(props: { ctx: PageContext; listing: ServiceListing; outcome: VoteOutcome['status'] }): JSX.Element {
  const { ctx, listing } = props;
  const m = ctx.messages.satisfaction;
  const { service } = listing;
  return (
    <Layout
      ctx={ctx}
      title={m.thanksTitle}
      breadcrumb={[{ label: ctx.messages.services, href: '/servizi' }, { label: service.name, href: `/servizi/${service.slug}` }, { label: m.thanksTitle }]}
      section="services"
    >
      <h1>{m.thanksTitle}</h1>
      <div class="alert alert-success" role="status">
        <p class="mb-0">{props.outcome === 'counted' ? m.thanksCounted : m.thanksRepeat}</p>
      </div>
      <ul>
        <li><a href={localePath(ctx.locale, `/servizi/${service.slug}`)} safe>{m.thanksBack(service.name)}</a></li>
        <li><a href={localePath(ctx.locale, SERVIZI_IN_RETE)}>{m.onlineServicesLink}</a></li>
      </ul>
    </Layout>
  );
}
