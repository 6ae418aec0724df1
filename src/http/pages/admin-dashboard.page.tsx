import type { ServiceListing } from '../../actions/list-services.action.ts';
import { localePath } from '../i18n/locale.ts';
import { Layout } from './layout.tsx';
import type { PageContext } from './page-context.ts';

export interface AdminDashboardPageProps {
  ctx: PageContext;
  csrfToken: string;
  account: { email: string; role: string };
  services: ServiceListing[];
  /** Whether the editions page is served (the site has the edition actions). */
  editions: boolean;
  /** Whether this account may upload a card. */
  upload: boolean;
  /** Whether this account reads the audit log. */
  audit: boolean;
}

/** The back office's home: who is signed in, the services, and the sign-out form. A placeholder for the dashboard of the year. */
export function AdminDashboardPage(props: AdminDashboardPageProps): JSX.Element {
  const { ctx } = props;
  const m = ctx.messages;
  return (
    <Layout ctx={ctx} title={m.adminTitle} breadcrumb={[{ label: m.adminTitle }]} section="none">
      <h1>{m.adminTitle}</h1>
      <p>
        {m.adminSignedInAs} <strong safe>{props.account.email}</strong> ({m.roleNames[props.account.role] ?? props.account.role}).
      </p>
      <form method="post" action={localePath(ctx.locale, '/admin/logout')} class="mb-4">
        <input type="hidden" name="_csrf" value={props.csrfToken} />
        <button type="submit" class="btn btn-outline-primary">
          {m.logout}
        </button>
      </form>
      <ul class="list-unstyled">
        {props.upload ? <li><a href={localePath(ctx.locale, '/admin/carte/carica')}>{m.uploadLink}</a></li> : ''}
        {props.editions ? <li><a href={localePath(ctx.locale, '/admin/edizioni')}>{m.adminEditionsLink}</a></li> : ''}
        {props.audit ? <li><a href={localePath(ctx.locale, '/admin/registro')}>{m.auditLink}</a></li> : ''}
      </ul>
      <h2>{m.adminServicesTitle}</h2>
      {props.services.length === 0 ? (
        <p>{m.adminNoServices}</p>
      ) : (
        <ul id="admin-services">
          {props.services.map(({ organisation, service }) => (
            <li>
              <a href={localePath(ctx.locale, `/servizi/${service.slug}`)} safe>
                {service.name}
              </a>{' '}
              — <span safe>{organisation.name}</span>
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}
