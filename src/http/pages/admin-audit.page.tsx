import type { AuditVerification } from '../../actions/verify-audit-log.action.ts';
import type { AuditRecord } from '../../domain/audit/audit-chain.ts';
import { localePath } from '../i18n/locale.ts';
import { Layout } from './layout.tsx';
import type { PageContext } from './page-context.ts';

export interface AuditQuery {
  actor?: string;
  action?: string;
  from?: string;
  to?: string;
}

export interface AdminAuditPageProps {
  ctx: PageContext;
  query: AuditQuery;
  /** The rows shown, newest first. */
  records: AuditRecord[];
  /** How many rows pass the filter. */
  total: number;
  verification: AuditVerification;
}

/** The query string of the filter, for the CSV link. */
export function auditQueryString(query: AuditQuery): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) if (typeof value === 'string' && value !== '') params.set(name, value);
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}

/** The OIV's reading of the audit log: whether the chain holds, a filter, the latest rows and the CSV of all. */
export function AdminAuditPage(props: AdminAuditPageProps): JSX.Element {
  const { ctx, query, verification } = props;
  const m = ctx.messages;
  const field = (name: keyof AuditQuery, label: string, type = 'text') => (
    <div class="form-group col-md-3">
      <label for={`audit-${name}`} class="active">{label}</label>
      <input type={type} class="form-control" id={`audit-${name}`} name={name} value={query[name] ?? ''} />
    </div>
  );
  return (
    <Layout ctx={ctx} title={m.auditTitle} breadcrumb={[{ label: m.adminTitle, href: '/admin' }, { label: m.auditTitle }]} section="none">
      <h1>{m.auditTitle}</h1>
      <p>{m.auditIntro}</p>
      {verification.ok ? (
        <div class="alert alert-success" role="status" id="audit-chain">{m.auditChainHolds(verification.rows)}</div>
      ) : (
        <div class="alert alert-danger" role="alert" id="audit-chain" safe>{m.auditChainBroken(verification.problem.id, verification.problem.message)}</div>
      )}
      <form method="get" action={localePath(ctx.locale, '/admin/registro')} class="row mb-3">
        {field('actor', m.auditFilterActor)}
        {field('action', m.auditFilterAction)}
        {field('from', m.auditFilterFrom, 'date')}
        {field('to', m.auditFilterTo, 'date')}
        <div class="col-12">
          <button type="submit" class="btn btn-primary">{m.auditFilterButton}</button>
        </div>
      </form>
      <p>
        <a href={`${localePath(ctx.locale, '/admin/registro.csv')}${auditQueryString(query)}`}>{m.auditCsv}</a>
      </p>
      {props.total === 0 ? <p>{m.auditNone}</p> : (
        <>
          <p>{m.auditShown(props.records.length, props.total)}</p>
          {/* A scrollable region a keyboard can reach (axe: scrollable-region-focusable). */}
          <div class="table-responsive" tabindex="0" role="region" aria-label={m.auditTitle}>
            <table class="table table-sm" id="audit-rows">
              <caption class="visually-hidden">{m.auditTitle}</caption>
              <thead>
                <tr>
                  {['id', 'at', 'actor', 'action', 'entity', 'change'].map((column) => <th scope="col">{m.auditColumns[column] ?? column}</th>)}
                </tr>
              </thead>
              <tbody>
                {props.records.map((record) => (
                  <tr>
                    <td>{String(record.id)}</td>
                    <td safe>{record.at}</td>
                    <td safe>{record.actor}</td>
                    <td safe>{record.action}</td>
                    <td safe>{`${record.entityType} ${record.entityKey}`}</td>
                    <td><code class="audit-change" safe>{`${record.beforeJson} → ${record.afterJson}`}</code></td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </Layout>
  );
}
