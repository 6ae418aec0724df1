import type { ServiceListing } from '../../actions/list-services.action.ts';
import { Layout } from './layout.tsx';
import type { PageContext } from './page-context.ts';
import { DiffidaForm, type DiffidaFormValues } from './parts/diffida-form.tsx';

export interface DiffidaFormPageProps {
  ctx: PageContext;
  listing: ServiceListing;
  standards: readonly { slug: string; title: string }[];
  values: DiffidaFormValues;
  csrfToken: string;
  /** Filled in on the service or indicator page: the citizen confirms here. */
  checking: boolean;
  error?: { field: string; message: string };
}

/** The diffida form on its own page, with its CSRF token: never cached. */
export function DiffidaFormPage(props: DiffidaFormPageProps): JSX.Element {
  const { ctx, listing } = props;
  const m = ctx.messages.diffida;
  const { service } = listing;
  return (
    <Layout
      ctx={ctx}
      title={m.formTitleOf(service.name)}
      breadcrumb={[{ label: ctx.messages.services, href: '/servizi' }, { label: service.name, href: `/servizi/${service.slug}` }, { label: m.formTitle }]}
      section="services"
    >
      <h1 safe>{m.formTitleOf(service.name)}</h1>
      <p class="lead">{props.checking ? m.checkIntro : m.formIntro}</p>
      <DiffidaForm
        ctx={ctx}
        serviceSlug={service.slug}
        serviceName={service.name}
        standards={props.standards}
        values={props.values}
        csrfToken={props.csrfToken}
        {...(props.error === undefined ? {} : { error: props.error })}
      />
    </Layout>
  );
}
