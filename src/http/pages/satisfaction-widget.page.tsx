import type { VoteOutcome } from '../../actions/satisfaction.action.ts';
import type { SatisfactionChannel } from '../../domain/satisfaction/satisfaction-vote.ts';
import { localePath } from '../i18n/locale.ts';
import { DocumentHead } from './layout.tsx';
import type { PageContext } from './page-context.ts';
import { SatisfactionForm, type SatisfactionFormValues } from './parts/satisfaction-form.tsx';
import { SERVIZI_IN_RETE } from './transparency-paths.ts';

export interface SatisfactionWidgetProps {
  ctx: PageContext;
  service: { slug: string; name: string };
  channels: readonly SatisfactionChannel[];
  values: SatisfactionFormValues;
  /** The form's single-use token; absent on the thanks view. */
  token?: string;
  error?: { field: string; message: string };
  /** Set after a vote: the thanks view instead of the form. */
  outcome?: VoteOutcome['status'];
}

/**
 * The embeddable widget: a page of its own, small enough for an iframe on another site, with the site's stylesheets
 * and no script or inline style (the CSP forbids both). Links leave the frame for a new tab.
 */
export function SatisfactionWidgetPage(props: SatisfactionWidgetProps): JSX.Element {
  const { ctx, service } = props;
  const m = ctx.messages.satisfaction;
  const base = `/widget/soddisfazione/${service.slug}`;
  return (
    <>
      {'<!doctype html>'}
      <html lang={ctx.locale}>
        <head>
          <DocumentHead ctx={ctx} title={m.widgetTitle(service.name)} />
        </head>
        <body>
          <main class="satisfaction-widget">
            <h1 class="h5" safe>{m.widgetTitle(service.name)}</h1>
            {props.outcome !== undefined ? (
              <>
                <div class="alert alert-success" role="status">
                  <p class="mb-0">{props.outcome === 'counted' ? m.thanksCounted : m.thanksRepeat}</p>
                </div>
                <p><a href={localePath(ctx.locale, `${base}?canale=${props.values.channel}`)}>{m.widgetAgain}</a></p>
              </>
            ) : (
              <SatisfactionForm
                ctx={ctx}
                action={localePath(ctx.locale, base)}
                {...(props.token === undefined ? {} : { token: props.token })}
                channels={props.channels}
                values={props.values}
                idPrefix="widget"
                {...(props.error === undefined ? {} : { error: props.error })}
              />
            )}
            <p class="mt-3 mb-0">
              <a href={localePath(ctx.locale, SERVIZI_IN_RETE)} target="_blank" rel="noopener">{m.onlineServicesLink}</a>
            </p>
          </main>
        </body>
      </html>
    </>
  );
}
