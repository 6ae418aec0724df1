import type { DiffidaRecipient } from '../../../actions/diffida-recipient.ts';
import { localePath } from '../../i18n/locale.ts';
import type { PageContext } from '../page-context.ts';
import { DiffidaForm, EMPTY_DIFFIDA } from './diffida-form.tsx';

/** What a page needs to offer the diffida form: the standards to choose from and to whom it goes. */
export interface DiffidaOffer {
  standards: readonly { slug: string; title: string }[];
  recipient: DiffidaRecipient;
}

/** The organo's PEC, the form (to confirm on its own page) and, on the service page, the model text. */
export function DiffidaSection(props: { ctx: PageContext; serviceSlug: string; serviceName: string; offer: DiffidaOffer; model: boolean; indicator?: string }): JSX.Element {
  const { ctx, offer } = props;
  const m = ctx.messages.diffida;
  const standards = props.indicator === undefined ? offer.standards : offer.standards.filter((standard) => standard.slug === props.indicator);
  return (
    <>
      <p id="diffida-pec">
        <span>{`${m.pec}: `}</span>
        {offer.recipient.pec === null ? <span>{m.pecUnknown}</span> : <a href={`mailto:${offer.recipient.pec}`} safe>{offer.recipient.pec}</a>}
      </p>
      <h3 class="h5" id="diffida-form-heading">{m.formTitle}</h3>
      <p>{m.formIntro}</p>
      <DiffidaForm ctx={ctx} serviceSlug={props.serviceSlug} serviceName={props.serviceName} standards={standards} values={{ ...EMPTY_DIFFIDA, indicator: props.indicator ?? '' }} />
      <p class="mt-2">
        <a href={localePath(ctx.locale, `/servizi/${props.serviceSlug}/diffida${props.indicator === undefined ? '' : `?indicatore=${props.indicator}`}`)}>{m.openForm}</a>
      </p>
      {props.model ? (
        <>
          <h3 class="h5">{m.modelTitle}</h3>
          <p>{m.modelIntro}</p>
          <pre class="diffida-model" lang="it" tabindex="0" safe>{m.modelText(offer.recipient.organo, props.serviceName)}</pre>
        </>
      ) : ''}
    </>
  );
}
