import type { ApiTokenListing } from '../../actions/list-api-tokens.action.ts';
import type { SourceListing } from '../../actions/list-sources.action.ts';
import { localePath } from '../i18n/locale.ts';
import { Layout } from './layout.tsx';
import type { PageContext } from './page-context.ts';

export interface AdminFeedsPageProps {
  ctx: PageContext;
  csrfToken: string;
  sources: SourceListing[];
  tokens: ApiTokenListing[];
  /** Whether the account may create and revoke tokens (data steward, administrator). */
  canChange: boolean;
  /** A token just made: shown this once. */
  created?: { id: number; source: string; token: string };
  done?: string;
  refused?: string;
}

/** The data steward's page: the sources with their latest event, and the API tokens with their forms. */
export function AdminFeedsPage(props: AdminFeedsPageProps): JSX.Element {
  const { ctx } = props;
  const m = ctx.messages;
  const hours = (seconds: number | null) => (seconds === null ? '' : m.hoursShort(Math.floor(seconds / 3600)));
  return (
    <Layout ctx={ctx} title={m.feedsTitle} breadcrumb={[{ label: m.adminTitle, href: '/admin' }, { label: m.feedsTitle }]} section="none">
      <h1>{m.feedsTitle}</h1>
      <p>{m.feedsIntro}</p>
      {props.refused === undefined ? '' : (
        <div class="alert alert-danger" role="alert" id="feeds-refused">
          <strong>{`${m.feedsRefused}: `}</strong>
          <span safe>{props.refused}</span>
        </div>
      )}
      {props.done === 'revoked' ? <div class="alert alert-success" role="status">{m.tokenRevokedDone}</div> : ''}
      {props.created === undefined ? '' : (
        <div class="alert alert-warning" role="status" id="token-created">
          <p>{m.tokenCreated}</p>
          <p class="mb-0">
            <code id="new-token" safe>{props.created.token}</code>
          </p>
        </div>
      )}
      <h2>{m.sourcesTitle}</h2>
      {props.sources.length === 0 ? <p>{m.noSources}</p> : (
        <table class="table table-sm" id="sources">
          <caption class="visually-hidden">{m.sourcesTitle}</caption>
          <thead>
            <tr>{['name', 'events', 'last', 'silent'].map((c) => <th scope="col">{m.sourceColumns[c] ?? c}</th>)}</tr>
          </thead>
          <tbody>
            {props.sources.map((source) => (
              <tr>
                <td><code safe>{source.name}</code></td>
                <td>{String(source.eventCount)}</td>
                <td safe>{source.lastEventAt ?? ''}</td>
                <td>{hours(source.secondsSinceLastEvent)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2>{m.tokensTitle}</h2>
      {props.tokens.length === 0 ? <p>{m.noTokens}</p> : (
        <table class="table table-sm" id="tokens">
          <caption class="visually-hidden">{m.tokensTitle}</caption>
          <thead>
            <tr>{['id', 'source', 'label', 'created', 'used', 'state'].map((c) => <th scope="col">{m.tokenColumns[c] ?? c}</th>)}</tr>
          </thead>
          <tbody>
            {props.tokens.map((token) => (
              <tr>
                <td>{String(token.id)}</td>
                <td><code safe>{token.source}</code></td>
                <td safe>{token.label ?? ''}</td>
                <td safe>{token.createdAt}</td>
                <td safe>{token.lastUsedAt ?? ''}</td>
                <td>
                  {token.revokedAt === null ? m.tokenActive : <span safe>{m.tokenRevoked(token.revokedAt.slice(0, 10))}</span>}
                  {props.canChange && token.revokedAt === null ? (
                    <form method="post" action={localePath(ctx.locale, '/admin/flussi/revoca')} class="d-inline ms-2">
                      <input type="hidden" name="_csrf" value={props.csrfToken} />
                      <input type="hidden" name="id" value={String(token.id)} />
                      <button type="submit" class="btn btn-sm btn-outline-danger">{m.revokeButton(token.id)}</button>
                    </form>
                  ) : ''}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {props.canChange ? (
        <form method="post" action={localePath(ctx.locale, '/admin/flussi/token')}>
          <input type="hidden" name="_csrf" value={props.csrfToken} />
          <fieldset>
            <legend class="h5">{m.newTokenLegend}</legend>
            <div class="form-group">
              <label for="token-source" class="active">{m.tokenSourceLabel}</label>
              <input type="text" class="form-control" id="token-source" name="source" required />
            </div>
            <div class="form-group">
              <label for="token-label" class="active">{m.tokenLabelLabel}</label>
              <input type="text" class="form-control" id="token-label" name="label" />
            </div>
            <button type="submit" class="btn btn-primary">{m.createTokenButton}</button>
          </fieldset>
        </form>
      ) : ''}
    </Layout>
  );
}
