import type { DiffidaDetail, DiffidaListing } from '../../actions/diffida.action.ts';
import { localePath } from '../i18n/locale.ts';
import { formatDate } from '../view/format.ts';
import { Layout } from './layout.tsx';
import type { PageContext } from './page-context.ts';

/** How many days ahead the queue and the reminders look. */
export const DIFFIDA_REMINDER_DAYS = 14;

function DiffideTable(props: { ctx: PageContext; id: string; caption: string; diffide: readonly DiffidaListing[]; canOpen: boolean }): JSX.Element {
  const { ctx } = props;
  const m = ctx.messages.diffida;
  return (
    <div class="table-responsive">
      <table class="table table-sm" id={props.id}>
        <caption>{props.caption}</caption>
        <thead>
          <tr>{['number', 'service', 'received', 'deadline', 'daysLeft', 'state'].map((c) => <th scope="col">{m.columns[c] ?? c}</th>)}</tr>
        </thead>
        <tbody>
          {props.diffide.map((d) => (
            <tr class={d.overdue ? 'diffida-overdue' : undefined}>
              <th scope="row">
                {props.canOpen ? <a href={`${localePath(ctx.locale, '/admin/diffide/scheda')}?numero=${d.number}`}>{d.number}</a> : d.number}
              </th>
              <td safe>{d.serviceName}</td>
              <td>{formatDate(ctx.locale, d.terms.receivedOn)}</td>
              <td>{formatDate(ctx.locale, d.terms.deadline)}</td>
              <td>{d.state === 'received' || d.state === 'acknowledged' ? m.daysLeftText(d.daysLeft) : '—'}</td>
              <td>
                {d.overdue ? <strong>{`${m.overdue} — `}</strong> : ''}
                {m.states[d.state] ?? d.state}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The queue: the diffide due soon or overdue, then every diffida with its deadline and days left. */
/** `canOpen`: whether the account may open a diffida's card (the OIV reads the queue only, without personal data). */
export function AdminDiffidePage(props: { ctx: PageContext; diffide: DiffidaListing[]; due: DiffidaListing[]; canOpen: boolean; refused?: string }): JSX.Element {
  const { ctx } = props;
  const m = ctx.messages.diffida;
  return (
    <Layout ctx={ctx} title={m.queueTitle} breadcrumb={[{ label: ctx.messages.adminTitle, href: '/admin' }, { label: m.queueTitle }]} section="none">
      <h1>{m.queueTitle}</h1>
      <p>{m.queueIntro}</p>
      {props.refused === undefined ? '' : (
        <div class="alert alert-danger" role="alert" id="diffida-refused">
          <strong>{`${m.stepRefused}: `}</strong>
          <span safe>{props.refused}</span>
        </div>
      )}
      <h2>{m.dueTitle(DIFFIDA_REMINDER_DAYS)}</h2>
      {props.due.length === 0 ? <p>{m.dueNone}</p> : <DiffideTable ctx={ctx} id="diffide-due" caption={m.dueTitle(DIFFIDA_REMINDER_DAYS)} diffide={props.due} canOpen={props.canOpen} />}
      <h2>{m.queueTitle}</h2>
      {props.diffide.length === 0 ? <p>{m.queueEmpty}</p> : <DiffideTable ctx={ctx} id="diffide" caption={m.queueTitle} diffide={[...props.diffide].reverse()} canOpen={props.canOpen} />}
    </Layout>
  );
}

export interface AdminDiffidaPageProps {
  ctx: PageContext;
  diffida: DiffidaDetail;
  csrfToken: string;
  /** Whether the account may record steps (quality office, administrator). */
  canChange: boolean;
  done?: boolean;
  refused?: string;
}

/** One diffida: what the claimant sent, its terms, its history, and the form that records a step. */
export function AdminDiffidaPage(props: AdminDiffidaPageProps): JSX.Element {
  const { ctx, diffida: d } = props;
  const m = ctx.messages.diffida;
  const open = d.state === 'received' || d.state === 'acknowledged';
  const steps = d.state === 'received' ? ['acknowledged', 'outcome', 'closed'] : d.state === 'acknowledged' ? ['outcome', 'closed'] : d.state === 'outcome' ? ['closed'] : [];
  return (
    <Layout
      ctx={ctx}
      title={m.cardTitle(d.number)}
      breadcrumb={[{ label: ctx.messages.adminTitle, href: '/admin' }, { label: m.queueTitle, href: '/admin/diffide' }, { label: d.number }]}
      section="none"
    >
      <h1>{m.cardTitle(d.number)}</h1>
      {props.done === true ? <div class="alert alert-success" role="status">{m.recorded}</div> : ''}
      {props.refused === undefined ? '' : (
        <div class="alert alert-danger" role="alert" id="diffida-refused">
          <strong>{`${m.stepRefused}: `}</strong>
          <span safe>{props.refused}</span>
        </div>
      )}
      <dl class="definition-list" id="diffida-card">
        <dt>{m.columns.state}</dt>
        <dd>{d.overdue ? <strong>{`${m.overdue} — `}</strong> : ''}{m.states[d.state] ?? d.state}</dd>
        <dt>{m.service}</dt>
        <dd safe>{d.serviceName}</dd>
        <dt>{m.standard}</dt>
        <dd safe>{d.standardText ?? m.standardNone}</dd>
        {d.personalDataErasedAt === null ? (
          <>
            <dt>{m.facts}</dt>
            <dd class="diffida-model" safe>{d.facts}</dd>
            <dt>{m.claimant}</dt>
            <dd><span safe>{d.claimantName}</span>{' — '}<a href={`mailto:${d.claimantEmail}`} safe>{d.claimantEmail}</a></dd>
          </>
        ) : (
          <>
            <dt>{m.claimant}</dt>
            <dd>{m.personalDataErased(formatDate(ctx.locale, d.personalDataErasedAt.slice(0, 10)))}</dd>
          </>
        )}
        <dt>{m.organo}</dt>
        <dd safe>{`${d.organo}${d.organoPec === null ? '' : ` (PEC ${d.organoPec})`}`}</dd>
        <dt>{m.receiptDate}</dt>
        <dd>{formatDate(ctx.locale, d.terms.receivedOn)}</dd>
        <dt>{m.deadline}</dt>
        <dd>{`${formatDate(ctx.locale, d.terms.deadline)}${open ? ` (${m.columns.daysLeft}: ${m.daysLeftText(d.daysLeft)})` : ''}`}</dd>
        <dt>{m.ricorsoWindow}</dt>
        <dd>{m.ricorsoRange(formatDate(ctx.locale, d.terms.ricorsoFrom), formatDate(ctx.locale, d.terms.ricorsoUntil))}</dd>
        {d.outcome === null ? '' : <><dt>{m.outcome}</dt><dd>{m.outcomes[d.outcome] ?? d.outcome}</dd></>}
        {d.measures === null ? '' : <><dt>{m.measures}</dt><dd class="diffida-model" safe>{d.measures}</dd></>}
      </dl>
      <h2>{m.history}</h2>
      <table class="table table-sm" id="diffida-history">
        <caption class="visually-hidden">{m.history}</caption>
        <thead>
          <tr>{['at', 'step', 'actor', 'note'].map((c) => <th scope="col">{m.historyColumns[c] ?? c}</th>)}</tr>
        </thead>
        <tbody>
          {d.history.map((h) => (
            <tr>
              <td safe>{h.at}</td>
              <td>{m.states[h.step] ?? h.step}</td>
              <td safe>{h.actor}</td>
              <td safe>{h.note ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {props.canChange && steps.length > 0 ? (
        <form method="post" action={localePath(ctx.locale, '/admin/diffide/esito')}>
          <input type="hidden" name="_csrf" value={props.csrfToken} />
          <input type="hidden" name="numero" value={d.number} />
          <fieldset>
            <legend class="h5">{m.stepLegend}</legend>
            <div class="select-wrapper mb-4">
              <label for="diffida-step">{m.step}</label>
              <select id="diffida-step" name="step">
                {steps.map((step) => <option value={step}>{m.stepNames[step] ?? step}</option>)}
              </select>
            </div>
            {steps.includes('outcome') ? (
              <>
                <div class="select-wrapper mb-4">
                  <label for="diffida-outcome">{m.outcome}</label>
                  <select id="diffida-outcome" name="outcome">
                    <option value="">—</option>
                    {['remedied', 'partly-remedied', 'rejected'].map((o) => <option value={o}>{m.outcomes[o] ?? o}</option>)}
                  </select>
                </div>
                <div class="form-group">
                  <label for="diffida-measures" class="active">{m.measures}</label>
                  <textarea id="diffida-measures" name="measures" rows="4" class="form-control"></textarea>
                </div>
              </>
            ) : ''}
            <div class="form-group">
              <label for="diffida-note" class="active">{m.note}</label>
              <textarea id="diffida-note" name="note" rows="2" class="form-control"></textarea>
            </div>
            <button type="submit" class="btn btn-primary">{m.record}</button>
          </fieldset>
        </form>
      ) : ''}
    </Layout>
  );
}
