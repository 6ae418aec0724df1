import type { CardListing } from '../../actions/list-cards.action.ts';
import type { ServiceListing } from '../../actions/list-services.action.ts';
import type { IndicatorReport } from '../../domain/evaluation/indicator-report.ts';
import { isOutdated } from '../../domain/editions/edition.ts';
import { safeHref } from '../view/safe-href.ts';
import { Layout } from './layout.tsx';
import { dataLang, type PageContext } from './page-context.ts';
import { CardTable } from './parts/card-table.tsx';
import { CardDownloads } from './parts/document-downloads.tsx';
import { Channels } from './parts/channels.tsx';
import { CardNotes, EditionFacts, EditionsList, Justifications, editionLabel } from './parts/edition-facts.tsx';
import { RichText } from './parts/rich-text.tsx';
import { ComplaintsSection, ProfileText } from './parts/service-profile-parts.tsx';
import { DiffidaSection, type DiffidaOffer } from './parts/diffida-section.tsx';
import { EMPTY_VOTE, SatisfactionForm } from './parts/satisfaction-form.tsx';
import type { SatisfactionChannel } from '../../domain/satisfaction/satisfaction-vote.ts';
import { localePath } from '../i18n/locale.ts';
import { SERVIZI_IN_RETE } from './transparency-paths.ts';

export interface ServicePageProps {
  ctx: PageContext;
  listing: ServiceListing;
  year: number;
  /** The card in force in `year`, if any. */
  card: CardListing | undefined;
  reports: ReadonlyMap<string, IndicatorReport>;
  /** Every edition of the service's card. */
  editions: CardListing[];
  /** Whether the card can be downloaded as official documents (the site was given the export action). */
  downloads?: boolean;
  /** Today in the administration's time zone ('YYYY-MM-DD'): a card in force for more than a year is flagged. */
  today: string;
  /** The diffida form and model text, when the site registers diffide. */
  diffida?: DiffidaOffer;
  /** "Mettiamoci la faccia": the channels offered, when the site records votes. */
  satisfaction?: { channels: readonly SatisfactionChannel[] };
}

/** A service: what it is, channels and hours, how to send a diffida, and this year's card with measured values. */
export function ServicePage(props: ServicePageProps): JSX.Element {
  const { ctx, listing, card } = props;
  const { service } = listing;
  const m = ctx.messages;
  const lang = dataLang(ctx);
  const webHref = safeHref(service.webAddress?.href);
  const pec = listing.profile?.diffida.pec ?? null;
  const procedure = listing.profile?.diffida.procedure ?? null;
  return (
    <Layout ctx={ctx} title={service.name} breadcrumb={[{ label: m.services, href: '/servizi' }, { label: service.name }]} section="services">
      <h1 lang={lang} safe>
        {service.name}
      </h1>
      <p class="lead" lang={lang} safe>
        {listing.organisation.name}
      </p>

      <section aria-labelledby="about-heading">
        <h2 id="about-heading">{m.serviceAbout}</h2>
        <dl class="definition-list">
          {service.office === null ? '' : <><dt>{m.office}</dt><dd lang={lang} safe>{service.office}</dd></>}
          <dt>{m.characteristics}</dt>
          <dd><RichText ctx={ctx} value={service.characteristics} /></dd>
          <dt>{m.deliveryMode}</dt>
          <dd><RichText ctx={ctx} value={service.deliveryMode} /></dd>
          <dt>{m.userTypes}</dt>
          <dd><RichText ctx={ctx} value={service.userTypes} /></dd>
          {service.webAddress === null ? '' : (
            <>
              <dt>{m.webPage}</dt>
              <dd>{webHref === null ? <span safe>{service.webAddress.text}</span> : <a href={webHref} safe>{service.webAddress.text || webHref}</a>}</dd>
            </>
          )}
          {service.staff === null ? '' : <><dt>{m.staff}</dt><dd>{String(service.staff)}</dd></>}
        </dl>
      </section>

      <section aria-labelledby="channels-heading">
        <h2 id="channels-heading">{m.channels}</h2>
        {/* Channels and hours the back office wrote take the place of those read from the card. */}
        {listing.profile?.channelsText == null ? <Channels ctx={ctx} channels={service.channels} /> : <ProfileText ctx={ctx} text={listing.profile.channelsText} />}
      </section>

      <section aria-labelledby="card-heading">
        <h2 id="card-heading">{m.cardOfYear(props.year)}</h2>
        {card === undefined ? (
          <p>{m.noCardInForce}</p>
        ) : (
          <>
            {isOutdated({ year: card.year, inForceFrom: card.lifecycle.inForceFrom }, props.today) ? (
              <div class="alert alert-warning" role="status">{m.cardOutdated(editionLabel(ctx, card))}</div>
            ) : ''}
            <p>{m.cardInForceNote(editionLabel(ctx, card), props.year)}</p>
            <EditionFacts ctx={ctx} card={card} />
            <CardTable
              ctx={ctx}
              serviceSlug={service.slug}
              caption={m.cardTableCaption(String(props.year))}
              indicators={card.indicators}
              reports={props.reports}
              linkYear={null}
            />
            <CardNotes ctx={ctx} card={card} />
            <Justifications ctx={ctx} card={card} />
            {props.downloads === true ? <CardDownloads ctx={ctx} serviceSlug={service.slug} edition={card.edition} /> : ''}
          </>
        )}
        {props.editions.length === 0 ? '' : <EditionsList ctx={ctx} serviceSlug={service.slug} editions={props.editions} />}
      </section>

      {props.satisfaction === undefined ? '' : (
        <section aria-labelledby="satisfaction-heading" id="soddisfazione">
          <h2 id="satisfaction-heading">{m.satisfaction.title}</h2>
          <p>{m.satisfaction.intro}</p>
          {/* No token here: this page is cached and shared; the form's own page confirms with one. */}
          <SatisfactionForm ctx={ctx} action={localePath(ctx.locale, `/servizi/${service.slug}/soddisfazione/verifica`)} channels={props.satisfaction.channels} values={EMPTY_VOTE} idPrefix="service-vote" />
          <p class="mt-2"><a href={localePath(ctx.locale, SERVIZI_IN_RETE)}>{m.satisfaction.onlineServicesLink}</a></p>
        </section>
      )}

      <section aria-labelledby="diffida-heading">
        <h2 id="diffida-heading">{m.diffidaTitle}</h2>
        <h3 class="h5">{m.diffidaBody}</h3>
        <RichText ctx={ctx} value={service.diffidaBody} />
        {/* The diffida form's section names the PEC itself (the same one: diffida-recipient.ts reads the profile). */}
        {pec === null || props.diffida !== undefined ? '' : <p id="diffida-pec">{`${m.diffidaPecLabel}: `}<a href={`mailto:${pec}`} safe>{pec}</a></p>}
        {procedure === null ? '' : <><h3 class="h5">{m.diffidaProcedureLabel}</h3><ProfileText ctx={ctx} text={procedure} /></>}
        <p>{m.diffidaHow}</p>
        <p>{m.diffidaDeadline}</p>
        <p>{m.diffidaThen}</p>
        {props.diffida === undefined ? '' : <DiffidaSection ctx={ctx} serviceSlug={service.slug} serviceName={service.name} offer={props.diffida} model />}
      </section>

      <ComplaintsSection ctx={ctx} profile={listing.profile} />
    </Layout>
  );
}
