import type { ServiceCostListing } from '../../actions/service-costs.action.ts';
import { COST_FIELDS, type CostField, type CostFieldError, type CostInput } from '../../domain/costs/service-cost.ts';
import { localePath } from '../i18n/locale.ts';
import { formatChange, formatEuroCents } from '../view/cost-format.ts';
import { formatDate } from '../view/format.ts';
import { Layout } from './layout.tsx';
import { dataLang, type PageContext } from './page-context.ts';

export interface AdminCostsPageProps {
  ctx: PageContext;
  csrfToken: string;
  /** The services a year's costs may be recorded for, by slug. */
  services: { slug: string; name: string }[];
  costs: ServiceCostListing[];
  /** Whether the account may record costs (quality office, administrator); the OIV and data stewards read. */
  canEdit: boolean;
  /** The form's values: empty, a stored year to correct, or as typed when refused. */
  values: CostInput;
  errors: readonly CostFieldError[];
  saved?: { service: string; year: number };
  refused?: string;
}

const INPUT_MODES: Partial<Record<CostField, string>> = { year: 'numeric', actual: 'decimal', staff: 'decimal', volume: 'numeric' };

/** The id of a field's input: the error summary links to it. */
export function costFieldId(field: CostField): string {
  return `cost-${field}`;
}

/** /admin/costi: the costs recorded per service and year, and (for those who may) the form that records or corrects a year. */
export function AdminCostsPage(props: AdminCostsPageProps): JSX.Element {
  const { ctx } = props;
  const m = ctx.messages;
  const c = m.costs;
  const lang = dataLang(ctx);
  const label = (field: CostField) => c.fields[field] ?? field;
  const wordError = (error: CostFieldError) => (c.errors[error.problem] ?? ((l: string) => `${l}: ${error.message}`))(label(error.field));
  const errorOf = (field: CostField) => props.errors.find((e) => e.field === field);
  const editHref = (service: string, year: number) => `${localePath(ctx.locale, '/admin/costi')}?servizio=${encodeURIComponent(service)}&anno=${year}#cost-form`;
  return (
    <Layout ctx={ctx} title={c.adminTitle} breadcrumb={[{ label: m.adminTitle, href: '/admin' }, { label: c.adminTitle }]} section="none">
      <h1>{c.adminTitle}</h1>
      <p>{c.adminIntro}</p>
      {props.saved === undefined ? '' : <div class="alert alert-success" role="status" id="cost-saved" safe>{c.saved(props.saved.service, props.saved.year)}</div>}
      {props.refused === undefined ? '' : <div class="alert alert-danger" role="alert" safe>{props.refused}</div>}
      {props.errors.length === 0 ? '' : (
        <div class="alert alert-danger" role="alert" id="cost-refused">
          <p>{c.refused}</p>
          <ul class="mb-0">
            {props.errors.map((error) => <li><a href={`#${costFieldId(error.field)}`} safe>{wordError(error)}</a></li>)}
          </ul>
        </div>
      )}
      {props.canEdit ? (
        <form method="post" action={localePath(ctx.locale, '/admin/costi/salva')} novalidate id="cost-form" class="mb-5">
          <input type="hidden" name="_csrf" value={props.csrfToken} />
          <fieldset>
            <legend class="h4">{c.formLegend}</legend>
            {COST_FIELDS.map((field) => {
              const id = costFieldId(field);
              const error = errorOf(field);
              const hint = c.hints[field];
              const describedBy = [hint === undefined ? '' : `${id}-hint`, error === undefined ? '' : `${id}-error`].filter((s) => s !== '').join(' ');
              const common = {
                id,
                name: field,
                class: `${field === 'service' ? 'form-select' : 'form-control'}${error === undefined ? '' : ' is-invalid'}`,
                ...(describedBy === '' ? {} : { 'aria-describedby': describedBy }),
                ...(error === undefined ? {} : { 'aria-invalid': 'true' }),
              };
              return (
                <div class="mb-4">
                  <label for={id} class="form-label fw-semibold">{label(field)}</label>
                  {field === 'service' ? (
                    <select {...common}>
                      <option value="">{c.chooseService}</option>
                      {props.services.map((service) => (
                        <option value={service.slug} selected={service.slug === props.values.service} safe>{service.name}</option>
                      ))}
                    </select>
                  ) : field === 'note' ? (
                    <textarea {...common} rows="3" safe>{props.values.note}</textarea>
                  ) : (
                    <input {...common} type="text" value={props.values[field]} {...(INPUT_MODES[field] === undefined ? {} : { inputmode: INPUT_MODES[field] })} />
                  )}
                  {hint === undefined ? '' : <small class="form-text d-block" id={`${id}-hint`}>{hint}</small>}
                  {error === undefined ? '' : <div class="invalid-feedback d-block" id={`${id}-error`} safe>{wordError(error)}</div>}
                </div>
              );
            })}
          </fieldset>
          <button type="submit" class="btn btn-primary">{c.save}</button>
        </form>
      ) : ''}
      <h2>{c.recordedTitle}</h2>
      {props.costs.length === 0 ? <p id="costs-none">{c.none}</p> : ''}
      {props.costs.map((listing) => (
        <section aria-labelledby={`costi-${listing.service.slug}`} class="mb-4">
          <h3 id={`costi-${listing.service.slug}`} class="h5" lang={lang} safe>{listing.service.name}</h3>
          <div class="table-responsive">
            <table class="table table-sm">
              <caption class="visually-hidden" safe>{c.tableCaption(listing.service.name)}</caption>
              <thead>
                <tr>{['year', 'actual', 'staff', 'total', 'change', 'source', 'updated'].map((col) => <th scope="col">{c.columns[col] ?? col}</th>)}{props.canEdit ? <th scope="col"><span class="visually-hidden">{c.editShort}</span></th> : ''}</tr>
              </thead>
              <tbody>
                {listing.years.map((year) => (
                  <tr>
                    <th scope="row">{String(year.year)}</th>
                    <td>{formatEuroCents(ctx.locale, year.actualCents)}</td>
                    <td>{formatEuroCents(ctx.locale, year.staffCents)}</td>
                    <td>{formatEuroCents(ctx.locale, year.totalCents)}</td>
                    <td>{formatChange(ctx.locale, year.changeFromPrevious)}</td>
                    <td lang={lang} safe>{year.source ?? ''}</td>
                    <td safe>{c.lastChange(year.updatedBy, formatDate(ctx.locale, year.updatedAt.slice(0, 10)))}</td>
                    {props.canEdit ? <td><a href={editHref(listing.service.slug, year.year)} aria-label={c.edit(listing.service.name, year.year)}>{c.editShort}</a></td> : ''}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ))}
    </Layout>
  );
}
