import type { ServiceListing } from '../../actions/list-services.action.ts';
import { PROFILE_FIELDS, type ProfileField, type ProfileFieldError, type ProfileInput } from '../../domain/services/service-profile.ts';
import { localePath } from '../i18n/locale.ts';
import { formatDate } from '../view/format.ts';
import { Layout } from './layout.tsx';
import { dataLang, type PageContext } from './page-context.ts';

export interface AdminServicesPageProps {
  ctx: PageContext;
  services: ServiceListing[];
  /** Whether the account may edit a service (quality office, administrator). */
  canEdit: boolean;
  /** The name of the service just saved. */
  saved?: string;
  refused?: string;
}

/** /admin/servizi: every service with its office, its PEC address for the diffida and when the back office last set it. */
export function AdminServicesPage(props: AdminServicesPageProps): JSX.Element {
  const { ctx } = props;
  const m = ctx.messages;
  const lang = dataLang(ctx);
  return (
    <Layout ctx={ctx} title={m.profilesTitle} breadcrumb={[{ label: m.adminTitle, href: '/admin' }, { label: m.profilesTitle }]} section="none">
      <h1>{m.profilesTitle}</h1>
      <p>{m.profilesIntro}</p>
      {props.saved === undefined ? '' : <div class="alert alert-success" role="status" id="profile-saved" safe>{m.profileSaved(props.saved)}</div>}
      {props.refused === undefined ? '' : <div class="alert alert-danger" role="alert" safe>{props.refused}</div>}
      <table class="table table-sm" id="services">
        <caption class="visually-hidden">{m.profilesTitle}</caption>
        <thead>
          <tr>{['service', 'office', 'pec', 'updated'].map((c) => <th scope="col">{m.profileColumns[c] ?? c}</th>)}</tr>
        </thead>
        <tbody>
          {props.services.map(({ service, profile }) => (
            <tr>
              <td>
                {props.canEdit ? (
                  <a href={`${localePath(ctx.locale, '/admin/servizi/modifica')}?servizio=${encodeURIComponent(service.slug)}`} aria-label={m.profileEditLink(service.name)} lang={lang} safe>
                    {service.name}
                  </a>
                ) : <span lang={lang} safe>{service.name}</span>}
              </td>
              <td lang={lang} safe>{service.office ?? ''}</td>
              <td safe>{profile?.diffida.pec ?? ''}</td>
              <td>{profile?.updatedAt == null ? m.profileAsOnCard : formatDate(ctx.locale, profile.updatedAt.slice(0, 10))}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Layout>
  );
}

export interface AdminServiceProfilePageProps {
  ctx: PageContext;
  csrfToken: string;
  service: { slug: string; name: string };
  /** The form's values: as stored, or as typed when refused. */
  values: ProfileInput;
  /** What the card says for each field. */
  cardValues: ProfileInput;
  errors: readonly ProfileFieldError[];
  lastChange: { by: string; at: string } | null;
}

const LONG_FIELDS: ReadonlySet<ProfileField> = new Set(['channelsText', 'diffidaProcedure', 'complaintHow', 'indemnityConditions', 'diffidaBody']);
const GROUPS: readonly [legend: string, fields: readonly ProfileField[]][] = [
  ['service', ['name', 'office', 'channelsText', 'webAddress']],
  ['diffida', ['diffidaBody', 'diffidaPec', 'diffidaProcedure']],
  ['complaints', ['complaintHow', 'complaintResponseDays', 'indemnityAmount', 'indemnityConditions']],
];
const INPUT_TYPES: Partial<Record<ProfileField, string>> = { webAddress: 'url', diffidaPec: 'email' };

/** The id of a field's input: the page links the error summary to it. */
export function profileFieldId(field: ProfileField): string {
  return `profile-${field}`;
}

/** /admin/servizi/modifica: the service's fields with what the card says beside each, errors beside the fields they concern. */
export function AdminServiceProfilePage(props: AdminServiceProfilePageProps): JSX.Element {
  const { ctx } = props;
  const m = ctx.messages;
  const lang = dataLang(ctx);
  const label = (field: ProfileField) => m.profileFieldLabels[field] ?? field;
  const errorOf = (field: ProfileField) => props.errors.find((e) => e.field === field);
  const wordError = (error: ProfileFieldError) => (m.profileErrors[error.problem] ?? ((l: string) => `${l}: ${error.message}`))(label(error.field));
  const title = m.profileEditTitle(props.service.name);
  // Every field listed, so the groups cannot leave one out of the form.
  const grouped = GROUPS.flatMap(([, fields]) => fields);
  if (PROFILE_FIELDS.some((field) => !grouped.includes(field))) throw new Error('a profile field is in no group of the form');
  return (
    <Layout ctx={ctx} title={title} breadcrumb={[{ label: m.adminTitle, href: '/admin' }, { label: m.profilesTitle, href: '/admin/servizi' }, { label: props.service.name }]} section="none">
      <h1 safe>{title}</h1>
      <p>{m.profileEditIntro}</p>
      {props.lastChange === null ? '' : <p class="text-muted" safe>{m.profileLastChange(props.lastChange.by, formatDate(ctx.locale, props.lastChange.at.slice(0, 10)))}</p>}
      {props.errors.length === 0 ? '' : (
        <div class="alert alert-danger" role="alert" id="profile-refused">
          <p>{m.profileRefused}</p>
          <ul class="mb-0">
            {props.errors.map((error) => <li><a href={`#${profileFieldId(error.field)}`} safe>{wordError(error)}</a></li>)}
          </ul>
        </div>
      )}
      <form method="post" action={localePath(ctx.locale, '/admin/servizi/salva')} novalidate>
        <input type="hidden" name="_csrf" value={props.csrfToken} />
        <input type="hidden" name="servizio" value={props.service.slug} />
        {GROUPS.map(([legend, fields]) => (
          <fieldset class="mb-4">
            <legend class="h4">{m.profileLegends[legend] ?? legend}</legend>
            {fields.map((field) => {
              const id = profileFieldId(field);
              const error = errorOf(field);
              const hint = m.profileFieldHints[field];
              const onCard = props.cardValues[field];
              const describedBy = [hint === undefined ? '' : `${id}-hint`, `${id}-card`, error === undefined ? '' : `${id}-error`].filter((s) => s !== '').join(' ');
              const common = {
                id,
                name: field,
                class: `form-control${error === undefined ? '' : ' is-invalid'}`,
                'aria-describedby': describedBy,
                ...(error === undefined ? {} : { 'aria-invalid': 'true' }),
              };
              return (
                // Not Bootstrap Italia's form-group: its floating labels would sit over the legends and the longer texts.
                <div class="mb-4">
                  <label for={id} class="form-label fw-semibold">{label(field)}</label>
                  {LONG_FIELDS.has(field) ? (
                    <textarea {...common} rows="3" safe>{props.values[field]}</textarea>
                  ) : (
                    <input {...common} type={INPUT_TYPES[field] ?? 'text'} value={props.values[field]} />
                  )}
                  {hint === undefined ? '' : <small class="form-text d-block" id={`${id}-hint`}>{hint}</small>}
                  <small class="form-text d-block" id={`${id}-card`}>
                    {onCard === '' ? m.profileNotOnCard : <>{`${m.profileOnCard} `}<span lang={lang} safe>{onCard}</span></>}
                  </small>
                  {error === undefined ? '' : <div class="invalid-feedback d-block" id={`${id}-error`} safe>{wordError(error)}</div>}
                </div>
              );
            })}
          </fieldset>
        ))}
        <button type="submit" class="btn btn-primary">{m.profileSaveButton}</button>
      </form>
    </Layout>
  );
}
