import { localePath } from '../i18n/locale.ts';
import { Layout } from './layout.tsx';
import type { PageContext } from './page-context.ts';

export type ErrorKind = 'not-found' | 'bad-request' | 'forbidden' | 'too-many-requests' | 'server-error';

export interface ErrorPageProps {
  ctx: PageContext;
  kind: ErrorKind;
  /** For a bad request: what was wrong, in words safe to show (never a stack trace). */
  detail?: string;
  /** For a server error: the request id, so a report can be matched with the logs. */
  requestId?: string;
}

/** 404, 400 and 500 pages: plain words, a way home, and never a stack trace. */
export function ErrorPage(props: ErrorPageProps): JSX.Element {
  const { ctx } = props;
  const m = ctx.messages;
  const texts: Record<ErrorKind, [string, string]> = {
    'not-found': [m.notFoundTitle, m.notFoundText],
    'bad-request': [m.badRequestTitle, m.badRequestText],
    forbidden: [m.forbiddenTitle, m.forbiddenText],
    'too-many-requests': [m.tooManyRequestsTitle, m.tooManyRequestsText],
    'server-error': [m.errorTitle, m.errorText],
  };
  const [title, text] = texts[props.kind];
  return (
    <Layout ctx={ctx} title={title} breadcrumb={[{ label: title }]} section="none">
      <h1>{title}</h1>
      <p class="lead">{text}</p>
      {props.detail === undefined ? '' : <p><code safe>{props.detail}</code></p>}
      {props.requestId === undefined ? '' : <p>{m.errorReference} <code safe>{props.requestId}</code></p>}
      <p>
        <a href={localePath(ctx.locale, '/')}>{m.backHome}</a>
      </p>
    </Layout>
  );
}
