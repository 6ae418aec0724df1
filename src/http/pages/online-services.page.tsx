import type { SatisfactionSummary } from '../../actions/satisfaction.action.ts';
import type { ChannelSatisfaction, ServiceSatisfaction } from '../../domain/satisfaction/satisfaction-vote.ts';
import { formatDate, formatNumber } from '../view/format.ts';
import { Layout } from './layout.tsx';
import { dataLang, type PageContext } from './page-context.ts';
import { SERVIZI_EROGATI, AMMINISTRAZIONE_TRASPARENTE } from './transparency-paths.ts';

export interface OnlineServicesPageProps {
  ctx: PageContext;
  /** The year's votes; absent when the site records none (the section then says there is nothing to publish). */
  satisfaction?: SatisfactionSummary;
  /** Every service, slug and name, in the site's order: each gets its table or "no votes as of". */
  services?: readonly { slug: string; name: string }[];
  /** Today, local 'YYYY-MM-DD': the date of "no votes as of". */
  today?: string;
}

function shareText(ctx: PageContext, share: number | null): string {
  return share === null ? ctx.messages.satisfaction.shareNone : `${formatNumber(ctx.locale, share, 1)}%`;
}

function ChannelRow(props: { ctx: PageContext; label: string; row: Pick<ChannelSatisfaction, 'counts' | 'total' | 'positiveShare'>; total?: boolean }): JSX.Element {
  const { ctx, row } = props;
  const cell = (value: number) => <td class="num">{formatNumber(ctx.locale, value, 0)}</td>;
  return (
    <tr class={props.total === true ? 'fw-semibold' : ''}>
      <th scope="row" safe>{props.label}</th>
      {cell(row.counts.positive)}
      {cell(row.counts.neutral)}
      {cell(row.counts.negative)}
      {cell(row.total)}
      <td class="num">{shareText(ctx, row.positiveShare)}</td>
    </tr>
  );
}

function ServiceVotes(props: { ctx: PageContext; service: { slug: string; name: string }; votes: ServiceSatisfaction | undefined; year: number; today: string }): JSX.Element {
  const { ctx, service, votes } = props;
  const m = ctx.messages.satisfaction;
  const headingId = `soddisfazione-${service.slug}`;
  return (
    <section aria-labelledby={headingId} class="mb-5">
      <h2 id={headingId} class="h4" lang={dataLang(ctx)} safe>{service.name}</h2>
      {votes === undefined || votes.all.total === 0 ? (
        <p id={`${headingId}-vuoto`}>{m.noVotes(formatDate(ctx.locale, props.today))}</p>
      ) : (
        <div class="table-responsive">
          <table class="table card-table" id={`${headingId}-tabella`}>
            <caption safe>{m.tableCaption(service.name, props.year)}</caption>
            <thead>
              <tr>
                {(['channel', 'positive', 'neutral', 'negative', 'total', 'share'] as const).map((column) => (
                  <th scope="col">{m.columns[column] ?? column}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {votes.channels.map((channel) => <ChannelRow ctx={ctx} label={m.channels[channel.channel] ?? channel.channel} row={channel} />)}
              {votes.channels.length > 1 ? <ChannelRow ctx={ctx} label={m.allChannels} row={votes.all} total /> : ''}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/** Servizi in rete (art. 7 c.3 CAD): per service and channel, the year's "Mettiamoci la faccia" votes; reasons are never shown. */
export function OnlineServicesPage(props: OnlineServicesPageProps): JSX.Element {
  const { ctx, satisfaction } = props;
  const m = ctx.messages;
  const services = props.services ?? [];
  const today = props.today ?? '';
  const bySlug = new Map((satisfaction?.services ?? []).map((votes) => [votes.service, votes]));
  return (
    <Layout
      ctx={ctx}
      title={m.onlineServices}
      breadcrumb={[{ label: m.transparency, href: AMMINISTRAZIONE_TRASPARENTE }, { label: m.servicesProvided, href: SERVIZI_EROGATI }, { label: m.onlineServices }]}
      section="transparency"
    >
      <h1>{m.onlineServices}</h1>
      <p class="lead">{m.onlineServicesIntro}</p>
      {satisfaction === undefined || services.length === 0 ? (
        <div class="callout">
          <div class="callout-inner">
            <p class="mb-0">{m.onlineServicesEmpty}</p>
          </div>
        </div>
      ) : (
        <>
          <h2 class="h3">{m.satisfaction.resultsTitle(satisfaction.year)}</h2>
          <p>{m.satisfaction.resultsIntro}</p>
          <p>
            {satisfaction.latestVoteDay === null ? '' : `${m.satisfaction.updatedAt(formatDate(ctx.locale, satisfaction.latestVoteDay))} `}
            {m.satisfaction.howTo}
          </p>
          {services.map((service) => <ServiceVotes ctx={ctx} service={service} votes={bySlug.get(service.slug)} year={satisfaction.year} today={today} />)}
        </>
      )}
    </Layout>
  );
}
