import type { DiffidaReceipt } from '../../actions/diffida.action.ts';
import { formatDate } from '../view/format.ts';
import { Layout } from './layout.tsx';
import type { PageContext } from './page-context.ts';

/** The receipt of a diffida: its number, date, organo and PEC, the deadline, what follows. Nothing personal. */
export function DiffidaReceiptPage(props: { ctx: PageContext; receipt: DiffidaReceipt; receivedLocal: string }): JSX.Element {
  const { ctx, receipt } = props;
  const m = ctx.messages.diffida;
  const day = (date: string) => formatDate(ctx.locale, date);
  const { terms } = receipt;
  return (
    <Layout
      ctx={ctx}
      title={m.receiptTitle(receipt.number)}
      breadcrumb={[{ label: ctx.messages.services, href: '/servizi' }, { label: receipt.serviceName, href: `/servizi/${receipt.serviceSlug}` }, { label: m.receiptTitle(receipt.number) }]}
      section="services"
    >
      <h1>{m.receiptTitle(receipt.number)}</h1>
      <div class="alert alert-success" role="status">{m.receiptKeep}</div>
      <dl class="definition-list" id="diffida-receipt">
        <dt>{m.receiptNumber}</dt>
        <dd><strong id="diffida-number">{receipt.number}</strong></dd>
        <dt>{m.receiptDate}</dt>
        <dd safe>{props.receivedLocal}</dd>
        <dt>{m.service}</dt>
        <dd safe>{receipt.serviceName}</dd>
        {receipt.standardText === null ? '' : <><dt>{m.standard}</dt><dd safe>{receipt.standardText}</dd></>}
        <dt>{m.organo}</dt>
        <dd safe>{receipt.organo}</dd>
        <dt>{m.pec}</dt>
        <dd>{receipt.organoPec === null ? m.pecUnknown : <a href={`mailto:${receipt.organoPec}`} safe>{receipt.organoPec}</a>}</dd>
        <dt>{m.deadline}</dt>
        <dd><time datetime={terms.deadline}>{day(terms.deadline)}</time></dd>
        <dt>{m.ricorsoWindow}</dt>
        <dd>{m.ricorsoRange(day(terms.ricorsoFrom), day(terms.ricorsoUntil))}</dd>
      </dl>
      <h2>{m.nextTitle}</h2>
      <ol>
        <li>{m.next1}</li>
        <li>{m.next2}</li>
        <li>{m.next3(day(terms.deadline), day(terms.ricorsoFrom), day(terms.ricorsoUntil))}</li>
      </ol>
    </Layout>
  );
}
