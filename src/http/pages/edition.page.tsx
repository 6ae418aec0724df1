import type { CardListing } from '../../actions/list-cards.action.ts';
import type { ServiceListing } from '../../actions/list-services.action.ts';
import type { IndicatorReport } from '../../domain/evaluation/indicator-report.ts';
import { localePath } from '../i18n/locale.ts';
import { Layout } from './layout.tsx';
import { dataLang, type PageContext } from './page-context.ts';
import { CardTable } from './parts/card-table.tsx';
import { CardDownloads } from './parts/document-downloads.tsx';
import { CardNotes, EditionFacts, EditionsList, Justifications, editionLabel } from './parts/edition-facts.tsx';

export interface EditionPageProps {
  ctx: PageContext;
  listing: ServiceListing;
  card: CardListing;
  /** Evaluations of this edition's indicators in its own year (none for an undated edition). */
  reports: ReadonlyMap<string, IndicatorReport>;
  editions: CardListing[];
  /** Whether the card can be downloaded as official documents (the site was given the export action). */
  downloads?: boolean;
}

/** One yearly edition of a service's card, with the values measured in that year. */
export function EditionPage(props: EditionPageProps): JSX.Element {
  const { ctx, listing, card } = props;
  const m = ctx.messages;
  const label = editionLabel(ctx, card);
  const title = `${listing.service.name} — ${m.cardEdition(label)}`;
  return (
    <Layout
      ctx={ctx}
      title={title}
      breadcrumb={[{ label: m.services, href: '/servizi' }, { label: listing.service.name, href: `/servizi/${listing.service.slug}` }, { label: m.cardEdition(label) }]}
      section="services"
    >
      <h1>
        <span lang={dataLang(ctx)} safe>
          {listing.service.name}
        </span>
        <span class="d-block h3 mt-2">{m.cardEdition(label)}</span>
      </h1>
      <p class="lead" lang={dataLang(ctx)} safe>
        {listing.organisation.name}
      </p>
      <p>
        <a href={localePath(ctx.locale, `/servizi/${listing.service.slug}`)}>{m.currentEditionLink}</a>
      </p>
      <EditionFacts ctx={ctx} card={card} />
      <CardTable
        ctx={ctx}
        serviceSlug={listing.service.slug}
        caption={m.cardTableCaption(label)}
        indicators={card.indicators}
        reports={props.reports}
        linkYear={card.year}
      />
      <CardNotes ctx={ctx} card={card} />
      <Justifications ctx={ctx} card={card} />
      {props.downloads === true ? <CardDownloads ctx={ctx} serviceSlug={listing.service.slug} edition={card.edition} /> : ''}
      <EditionsList ctx={ctx} serviceSlug={listing.service.slug} editions={props.editions} current={card.edition} />
    </Layout>
  );
}
