import { localePath } from '../../i18n/locale.ts';
import type { PageContext } from '../page-context.ts';

/** What the citizen typed, kept when the form comes back. */
export interface DiffidaFormValues {
  indicator: string;
  facts: string;
  claimantName: string;
  claimantEmail: string;
  consent: boolean;
}

export const EMPTY_DIFFIDA: DiffidaFormValues = { indicator: '', facts: '', claimantName: '', claimantEmail: '', consent: false };

export interface DiffidaFormProps {
  ctx: PageContext;
  serviceSlug: string;
  serviceName: string;
  /** The standards of the card in force to choose from; with one only, it is fixed (an indicator's page). */
  standards: readonly { slug: string; title: string }[];
  values: DiffidaFormValues;
  /**
   * With a token the form registers the diffida (its own page, never cached). Without one (service and indicator
   * pages, whose answers are cached and shared, so they cannot carry a per-visitor token) it leads to that page,
   * filled in, to confirm.
   */
  csrfToken?: string;
  /** The field refused, with its message. */
  error?: { field: string; message: string };
}

/** The diffida form: works without JavaScript; the name "sito" is a trap only bots fill in. */
export function DiffidaForm(props: DiffidaFormProps): JSX.Element {
  const { ctx, values, error } = props;
  const m = ctx.messages.diffida;
  const base = `/servizi/${props.serviceSlug}/diffida`;
  const id = (name: string) => `diffida-${name}`;
  const invalid = (field: string) => (error?.field === field ? { 'aria-invalid': 'true', 'aria-describedby': id('error') } : {});
  const fixed = props.standards.length === 1 ? props.standards[0] : undefined;
  return (
    <form method="post" action={localePath(ctx.locale, props.csrfToken === undefined ? `${base}/verifica` : base)} class="diffida-form" novalidate>
      {props.csrfToken === undefined ? '' : <input type="hidden" name="_csrf" value={props.csrfToken} />}
      {error === undefined ? '' : (
        <div class="alert alert-danger" role="alert" id={id('error')}>
          <strong>{`${m.refused}: `}</strong>
          <span safe>{error.message}</span>
        </div>
      )}
      <p>
        <span>{`${m.service}: `}</span>
        <strong safe>{props.serviceName}</strong>
      </p>
      {fixed !== undefined ? (
        <p>
          <input type="hidden" name="indicator" value={fixed.slug} />
          <span>{`${m.standard}: `}</span>
          <strong safe>{fixed.title}</strong>
        </p>
      ) : (
        <div class="select-wrapper mb-4">
          <label for={id('indicator')}>{m.standard}</label>
          <select id={id('indicator')} name="indicator" {...invalid('indicator')}>
            <option value="" selected={values.indicator === ''}>{m.standardNone}</option>
            {props.standards.map((standard) => (
              <option value={standard.slug} selected={values.indicator === standard.slug} safe>
                {standard.title}
              </option>
            ))}
          </select>
        </div>
      )}
      <div class="form-group">
        <label for={id('facts')} class="active">{`${m.facts} (${m.required})`}</label>
        <textarea id={id('facts')} name="facts" rows="6" maxlength="5000" required aria-required="true" class="form-control" {...invalid('facts')} safe>
          {values.facts}
        </textarea>
        <small class="form-text">{m.factsHint}</small>
      </div>
      <div class="form-group">
        <label for={id('name')} class="active">{`${m.name} (${m.required})`}</label>
        <input type="text" id={id('name')} name="claimantName" class="form-control" autocomplete="name" maxlength="200" required aria-required="true" value={values.claimantName} {...invalid('claimantName')} />
      </div>
      <div class="form-group">
        <label for={id('email')} class="active">{`${m.email} (${m.required})`}</label>
        <input type="email" id={id('email')} name="claimantEmail" class="form-control" autocomplete="email" maxlength="254" required aria-required="true" value={values.claimantEmail} {...invalid('claimantEmail')} />
      </div>
      <div class="visually-hidden" aria-hidden="true">
        <label for={id('sito')}>{m.honeypot}</label>
        <input type="text" id={id('sito')} name="sito" tabindex="-1" autocomplete="off" value="" />
      </div>
      <div class="form-check mb-4">
        <input type="checkbox" id={id('consent')} name="consent" value="yes" checked={values.consent} required aria-required="true" {...invalid('consent')} />
        <label for={id('consent')}>
          {`${m.consent} `}
          <a href={localePath(ctx.locale, '/privacy')}>{m.privacyLink}</a>
          {` (${m.required})`}
        </label>
      </div>
      <button type="submit" class="btn btn-primary">{props.csrfToken === undefined ? m.check : m.send}</button>
    </form>
  );
}
