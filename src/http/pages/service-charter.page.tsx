import type { CardListing } from '../../actions/list-cards.action.ts';
import type { ServiceListing } from '../../actions/list-services.action.ts';
import { localePath } from '../i18n/locale.ts';
import { formatDate } from '../view/format.ts';
import { Layout } from './layout.tsx';
import { editionLabel } from './parts/edition-facts.tsx';
import { ProfileSummary } from './parts/service-profile-parts.tsx';
import { dataLang, type PageContext } from './page-context.ts';
import { SERVIZI_EROGATI, AMMINISTRAZIONE_TRASPARENTE } from './transparency-paths.ts';

/** Carta dei servizi e standard di qualità: every card of every service, every year, each one click from its table. */
export function ServiceCharterPage(props: { ctx: PageContext; cards: CardListing[]; services?: ServiceListing[] }): JSX.Element {
  const { ctx } = props;
  const m = ctx.messages;
  // The latest publication of any card in force: when this page last changed.
  const lastPublished = props.cards.map((card) => card.lifecycle.publishedAt).reduce<string | null>((latest, at) => (at !== null && (latest === null || at > latest) ? at : latest), null);
  const byService = new Map<string, CardListing[]>();
  for (const card of props.cards) {
    const key = `${card.organisation.slug}/${card.serviceSlug}`;
    byService.set(key, [...(byService.get(key) ?? []), card]);
  }
  return (
    <Layout
      ctx={ctx}
      title={m.serviceCharter}
      breadcrumb={[{ label: m.transparency, href: AMMINISTRAZIONE_TRASPARENTE }, { label: m.servicesProvided, href: SERVIZI_EROGATI }, { label: m.serviceCharter }]}
      section="transparency"
    >
      <h1>{m.serviceCharter}</h1>
      <p class="lead">{m.serviceCharterIntro}</p>
      <dl class="definition-list" aria-label={m.publicationFacts}>
        {lastPublished === null ? '' : <><dt>{m.lastPublished}</dt><dd>{formatDate(ctx.locale, lastPublished.slice(0, 10))}</dd></>}
        <dt>{m.updateFrequency}</dt>
        <dd>{m.updateFrequencyText}</dd>
        <dt>{m.retention}</dt>
        <dd>{m.retentionText}</dd>
      </dl>
      {props.cards.length === 0 ? <p>{m.noCards}</p> : ''}
      {[...byService.values()].map((cards) => {
        const first = cards[0];
        if (first === undefined) return '';
        // Newest edition first; the undated one last.
        const ordered = [...cards].sort((a, b) => (b.year ?? -Infinity) - (a.year ?? -Infinity));
        const listing = props.services?.find((s) => s.service.slug === first.serviceSlug && s.organisation.slug === first.organisation.slug);
        return (
          <section class="mb-4">
            <h2 class="h4">
              <a href={localePath(ctx.locale, `/servizi/${first.serviceSlug}`)} lang={dataLang(ctx)} safe>
                {first.service}
              </a>
            </h2>
            <p class="text-muted" lang={dataLang(ctx)} safe>
              {first.organisation.name}
            </p>
            <ul>
              {ordered.map((card) => (
                <li>
                  <a href={localePath(ctx.locale, `/servizi/${card.serviceSlug}/${card.edition}`)}>
                    {`${m.edition} ${editionLabel(ctx, card)}`}
                  </a>
                  {` — ${m.indicatorCount(card.indicators.length)}`}
                </li>
              ))}
            </ul>
            {listing === undefined ? '' : <ProfileSummary ctx={ctx} profile={listing.profile} />}
          </section>
        );
      })}
    </Layout>
  );
}
