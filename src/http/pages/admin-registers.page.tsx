import type { HandEntryListing, HandRecordedIndicator } from '../../actions/hand-entry.action.ts';
import type { AttributeValue } from '../../domain/events/event.ts';
import { localePath } from '../i18n/locale.ts';
import { Layout } from './layout.tsx';
import { dataLang, type PageContext } from './page-context.ts';

/** Which indicator a form is for; the anchor of its section. */
export function registerAnchorOf(service: string, indicator: string): string {
  return `registro-${service}--${indicator}`;
}

/** What the form of one indicator shows already filled in: a correction's entry, or what was refused. */
export interface RegisterFormValues {
  service: string;
  indicator: string;
  date: string;
  subject: string;
  value: string;
  evidence: string;
  attributes: Record<string, string>;
  /** Whether it corrects a listed entry (the page says so). */
  correcting: boolean;
}

export interface AdminRegistersPageProps {
  ctx: PageContext;
  csrfToken: string;
  year: number;
  indicators: HandRecordedIndicator[];
  /** Whether the account may record entries (data steward, administrator). */
  canChange: boolean;
  /** What the last submit did: recorded, corrected, unchanged. */
  done?: string;
  /** Why the last submit was refused. */
  refused?: string;
  values?: RegisterFormValues;
}

/** Attributes the back office writes itself, shown in their own columns. */
const OWN_ATTRIBUTES = new Set(['recordedBy', 'register']);

/** The data steward's page for hand-recorded indicators: each with its latest entries and a form to add one. */
export function AdminRegistersPage(props: AdminRegistersPageProps): JSX.Element {
  const { ctx } = props;
  const m = ctx.messages;
  return (
    <Layout ctx={ctx} title={m.registersTitle} breadcrumb={[{ label: m.adminTitle, href: '/admin' }, { label: m.registersTitle }]} section="none">
      <h1>{m.registersTitle}</h1>
      <p>{m.registersIntro}</p>
      {props.refused === undefined ? '' : (
        <div class="alert alert-danger" role="alert" id="registers-refused">
          <strong>{`${m.registerRefused}: `}</strong>
          <span safe>{props.refused}</span>
        </div>
      )}
      {props.done === undefined || m.registerDone[props.done] === undefined ? '' : (
        <div class="alert alert-success" role="status" id="registers-done">
          {m.registerDone[props.done]}
        </div>
      )}
      {props.indicators.length === 0 ? <p>{m.registersNone(props.year)}</p> : ''}
      {props.canChange && props.indicators.length > 0 ? <p>{m.registerCorrectionHelp}</p> : ''}
      {props.indicators.map((item, index) => (
        <IndicatorSection ctx={ctx} item={item} index={index} csrfToken={props.csrfToken} canChange={props.canChange} values={props.values} />
      ))}
    </Layout>
  );
}

function IndicatorSection(props: { ctx: PageContext; item: HandRecordedIndicator; index: number; csrfToken: string; canChange: boolean; values: RegisterFormValues | undefined }): JSX.Element {
  const { ctx, item } = props;
  const m = ctx.messages;
  const { form } = item;
  const anchor = registerAnchorOf(item.service.slug, item.indicator.slug);
  const name = item.indicator.description ?? item.indicator.slug;
  const mine = props.values !== undefined && props.values.service === item.service.slug && props.values.indicator === item.indicator.slug ? props.values : undefined;
  const isRegister = form.kind === 'register';
  const columns = isRegister ? ['date', 'subject', 'attributes', 'recordedBy'] : ['date', 'value', 'attributes', 'recordedBy'];
  if (props.canChange) columns.push('correct');
  const id = (field: string) => `r${props.index}-${field}`;
  const correctHref = (entry: HandEntryListing) => {
    const query = new URLSearchParams({ servizio: item.service.slug, indicatore: item.indicator.slug, correggi: entry.id });
    return `${localePath(ctx.locale, '/admin/registri')}?${query.toString()}#${anchor}`;
  };
  const entryName = (entry: HandEntryListing) => (isRegister ? (entry.subject ?? entry.id) : entry.localDate);
  return (
    <section id={anchor} aria-labelledby={`${anchor}-heading`} class="mb-5">
      <h2 class="h4" id={`${anchor}-heading`}>
        <span safe lang={dataLang(ctx)}>{name}</span>
        {' — '}
        <span safe lang={dataLang(ctx)}>{item.service.name}</span>
      </h2>
      <p class="mb-1" safe>{isRegister ? m.registerKindRegister(form.register ?? '') : m.registerKindSnapshot(form.eventKind)}</p>
      <p class="mb-1" safe>{m.registerSourceIs(form.source)}</p>
      <p>
        <a href={`${localePath(ctx.locale, '/admin/valutazione')}?${new URLSearchParams({ servizio: item.service.slug, indicatore: item.indicator.slug }).toString()}`}>{m.drillLink}</a>
      </p>
      <h3 class="h5">{m.registerLatest}</h3>
      {item.latest.length === 0 ? <p>{m.registerNoEntries}</p> : (
        // Long attributes may scroll sideways: the region takes the keyboard's focus.
        <div class="table-responsive" tabindex="0" role="region" aria-labelledby={`${anchor}-heading`}>
          <table class="table table-sm">
            <caption class="visually-hidden" safe>{`${m.registerLatest}: ${name}`}</caption>
            <thead>
              <tr>{columns.map((c) => <th scope="col">{m.registerColumns[c] ?? c}</th>)}</tr>
            </thead>
            <tbody>
              {item.latest.map((entry) => (
                <tr>
                  <td safe>{entry.localDate}</td>
                  {isRegister ? <td safe>{entry.subject ?? ''}</td> : <td safe>{textOf(entry.attributes[form.valueAttribute ?? 'value'])}</td>}
                  <td safe>{attributesText(entry.attributes, form.valueAttribute)}</td>
                  <td safe>{textOf(entry.attributes.recordedBy)}</td>
                  {props.canChange ? (
                    <td>
                      <a href={correctHref(entry)} safe>{m.registerCorrectLink(entryName(entry))}</a>
                    </td>
                  ) : ''}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {props.canChange ? (
        <form method="post" action={localePath(ctx.locale, '/admin/registri/aggiungi')} class="mt-3">
          <input type="hidden" name="_csrf" value={props.csrfToken} />
          <input type="hidden" name="service" value={item.service.slug} />
          <input type="hidden" name="indicator" value={item.indicator.slug} />
          <fieldset>
            <legend class="h5" safe>{m.registerNewEntry(name)}</legend>
            {mine?.correcting === true ? <p class="text-muted" safe>{m.registerCorrecting(isRegister ? mine.subject : mine.date)}</p> : ''}
            <div class="form-group">
              <label for={id('date')} class="active">{m.registerDateLabel}</label>
              <input type="date" class="form-control" id={id('date')} name="date" required value={mine?.date ?? ''} />
            </div>
            {isRegister ? (
              <div class="form-group">
                <label for={id('subject')} class="active">{m.registerSubjectLabel}</label>
                <input type="text" class="form-control" id={id('subject')} name="subject" required maxlength="500" value={mine?.subject ?? ''} />
              </div>
            ) : (
              <div class="form-group">
                <label for={id('value')} class="active">{m.registerValueLabel}</label>
                <input type="text" inputmode="decimal" class="form-control" id={id('value')} name="value" required value={mine?.value ?? ''} />
              </div>
            )}
            {form.fields.map((field, f) => {
              const fieldId = id(`attr-${f}`);
              const current = mine?.attributes[field.attribute] ?? '';
              if (field.type === 'boolean') {
                return (
                  <div class="select-wrapper mb-4">
                    <label for={fieldId} safe>{m.registerAttributeLabel(field.attribute)}</label>
                    <select id={fieldId} name={`attr.${field.attribute}`}>
                      <option value="" selected={current === ''}>{m.registerBooleanNone}</option>
                      <option value="true" selected={current === 'true'}>{m.registerBooleanYes}</option>
                      <option value="false" selected={current === 'false'}>{m.registerBooleanNo}</option>
                    </select>
                  </div>
                );
              }
              return (
                <div class="form-group">
                  <label for={fieldId} class="active" safe>{m.registerAttributeLabel(field.attribute)}</label>
                  <input type="text" class="form-control" id={fieldId} name={`attr.${field.attribute}`} list={`${fieldId}-values`} value={current} />
                  <datalist id={`${fieldId}-values`}>
                    {field.suggestions.map((suggestion) => <option value={suggestion} />)}
                  </datalist>
                </div>
              );
            })}
            <div class="form-group">
              <label for={id('evidence')} class="active">{m.registerEvidenceLabel}</label>
              <input type="text" class="form-control" id={id('evidence')} name="evidence" maxlength="500" value={mine?.evidence ?? ''} />
            </div>
            <button type="submit" class="btn btn-primary">{m.registerSubmit}</button>
          </fieldset>
        </form>
      ) : ''}
    </section>
  );
}

function textOf(value: AttributeValue | undefined): string {
  return value === undefined || value === null ? '' : String(value);
}

/** The entry's other attributes, "status: done; evidence: prot. 12". */
function attributesText(attributes: Record<string, AttributeValue>, valueAttribute: string | null): string {
  return Object.entries(attributes)
    .filter(([name]) => !OWN_ATTRIBUTES.has(name) && name !== valueAttribute)
    .map(([name, value]) => `${name}: ${textOf(value)}`)
    .join('; ');
}
