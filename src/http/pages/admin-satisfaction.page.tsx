import type { SatisfactionSummary, StoredVoteReason } from '../../actions/satisfaction.action.ts';
import { formatInstant, formatNumber } from '../view/format.ts';
import { Layout } from './layout.tsx';
import { dataLang, type PageContext } from './page-context.ts';

export interface AdminSatisfactionPageProps {
  ctx: PageContext;
  summary: SatisfactionSummary;
  reasons: StoredVoteReason[];
  services: { slug: string; name: string }[];
  /** MISURA_BASE_URL, the address other sites must use; null when not set (the snippet then says so). */
  baseUrl: string | null;
  timeZone: string;
}

/** The tag another site pastes to show the widget: absolute, on the configured base URL, never the request's Host. */
export function embedSnippetOf(baseUrl: string, slug: string, title: string): string {
  const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
  return `<iframe src="${escape(`${baseUrl}/widget/soddisfazione/${slug}?canale=web`)}" title="${escape(title)}" width="100%" height="560" loading="lazy"></iframe>`;
}

/** /admin/soddisfazione: the year's votes, the reasons (never published) and the embed code of each service. */
export function AdminSatisfactionPage(props: AdminSatisfactionPageProps): JSX.Element {
  const { ctx, summary } = props;
  const m = ctx.messages.satisfaction;
  const lang = dataLang(ctx);
  const names = new Map(props.services.map((service) => [service.slug, service.name]));
  const bySlug = new Map(summary.services.map((votes) => [votes.service, votes]));
  const share = (value: number | null) => (value === null ? m.shareNone : `${formatNumber(ctx.locale, value, 1)}%`);
  return (
    <Layout ctx={ctx} title={m.adminTitle} breadcrumb={[{ label: ctx.messages.adminTitle, href: '/admin' }, { label: m.adminTitle }]} section="none">
      <h1>{m.adminTitle}</h1>
      <p class="lead">{m.adminIntro}</p>
      <div class="table-responsive">
        <table class="table card-table" id="satisfaction-summary">
          <caption>{m.resultsTitle(summary.year)}</caption>
          <thead>
            <tr>
              <th scope="col">{m.reasonColumns.service}</th>
              {(['positive', 'neutral', 'negative', 'total', 'share'] as const).map((column) => <th scope="col">{m.columns[column] ?? column}</th>)}
            </tr>
          </thead>
          <tbody>
            {props.services.map((service) => {
              const votes = bySlug.get(service.slug)?.all;
              return (
                <tr>
                  <th scope="row" lang={lang} safe>{service.name}</th>
                  <td class="num">{String(votes?.counts.positive ?? 0)}</td>
                  <td class="num">{String(votes?.counts.neutral ?? 0)}</td>
                  <td class="num">{String(votes?.counts.negative ?? 0)}</td>
                  <td class="num">{String(votes?.total ?? 0)}</td>
                  <td class="num">{share(votes?.positiveShare ?? null)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>

      <h2 id="embed-heading">{m.embedTitle}</h2>
      <p>{m.embedIntro}</p>
      {props.baseUrl === null ? <div class="alert alert-warning" role="status">{m.embedNoBaseUrl}</div> : ''}
      {props.services.map((service) => {
        const id = `embed-${service.slug}`;
        const snippet = embedSnippetOf(props.baseUrl ?? 'MISURA_BASE_URL', service.slug, m.embedFrameTitle(service.name));
        return (
          <div class="form-group">
            <label for={id} class="active" safe>{m.embedLabel(service.name)}</label>
            <textarea id={id} class="form-control satisfaction-embed" rows="3" readonly safe>{snippet}</textarea>
          </div>
        );
      })}

      <h2 id="reasons-heading">{m.reasonsTitle}</h2>
      {props.reasons.length === 0 ? <p>{m.reasonsEmpty}</p> : (
        <div class="table-responsive">
          <table class="table" id="satisfaction-reasons">
            <caption class="visually-hidden">{m.reasonsTitle}</caption>
            <thead>
              <tr>
                {(['at', 'service', 'channel', 'face', 'reason'] as const).map((column) => <th scope="col">{m.reasonColumns[column] ?? column}</th>)}
              </tr>
            </thead>
            <tbody>
              {props.reasons.map((reason) => (
                <tr>
                  <td>{formatInstant(ctx.locale, reason.votedAt, props.timeZone)}</td>
                  <td lang={lang} safe>{names.get(reason.service) ?? reason.service}</td>
                  <td>{m.channels[reason.channel] ?? reason.channel}</td>
                  <td>{m.faces[reason.face] ?? reason.face}</td>
                  <td safe>{reason.reason}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Layout>
  );
}
