import type { CardListing } from '../../actions/list-cards.action.ts';
import type { ServiceListing } from '../../actions/list-services.action.ts';
import type { ComparableIndicator, EditionDiff } from '../../domain/editions/edition-diff.ts';
import { localePath } from '../i18n/locale.ts';
import { formatTarget } from '../view/format.ts';
import { Layout } from './layout.tsx';
import { dataLang, type PageContext } from './page-context.ts';
import { editionLabel } from './parts/edition-facts.tsx';

export interface EditionDiffPageProps {
  ctx: PageContext;
  listing: ServiceListing;
  from: CardListing;
  to: CardListing;
  diff: EditionDiff;
}

/** What changed from one public edition of a card to the next: added, removed, reworded, better or worse, and why. */
export function EditionDiffPage(props: EditionDiffPageProps): JSX.Element {
  const { ctx, listing, from, to, diff } = props;
  const m = ctx.messages;
  const lang = dataLang(ctx);
  const title = m.diffTitle(editionLabel(ctx, from), editionLabel(ctx, to));
  const why = new Map(to.lifecycle.justifications.map((j) => [j.uid, j.text]));
  const justification = (uid: string) =>
    why.has(uid) ? (
      <p class="mb-0">
        <strong>{`${m.diffJustification}: `}</strong>
        <span lang={lang} safe>{why.get(uid) ?? ''}</span>
      </p>
    ) : '';
  const name = (indicator: ComparableIndicator) => (
    <span lang={lang} safe>{[indicator.dimension, indicator.subdimension, indicator.description].filter((part) => part !== null && part !== '').join(' · ')}</span>
  );
  const nothing = diff.added.length + diff.removed.length + diff.changed.length === 0;
  return (
    <Layout
      ctx={ctx}
      title={`${listing.service.name} — ${title}`}
      breadcrumb={[{ label: m.services, href: '/servizi' }, { label: listing.service.name, href: `/servizi/${listing.service.slug}` }, { label: title }]}
      section="services"
    >
      <h1>
        <span lang={lang} safe>{listing.service.name}</span>
        <span class="d-block h3 mt-2">{title}</span>
      </h1>
      <p>
        <a href={localePath(ctx.locale, `/servizi/${listing.service.slug}/${to.edition}`)}>{m.cardEdition(editionLabel(ctx, to))}</a>
        {' · '}
        <a href={localePath(ctx.locale, `/servizi/${listing.service.slug}/${from.edition}`)}>{m.cardEdition(editionLabel(ctx, from))}</a>
      </p>
      {nothing ? <p>{m.diffNone}</p> : ''}
      {diff.changed.length === 0 ? '' : (
        <section aria-labelledby="diff-changed">
          <h2 id="diff-changed" class="h4">{m.diffChanged}</h2>
          <ul>
            {diff.changed.map((change) => (
              <li class="mb-3">
                {name(change.after)}
                {` — ${m.diffTarget[change.target] ?? change.target}`}
                {change.reworded.length > 0 ? `, ${m.diffReworded}` : ''}
                <p class="mb-0">
                  {`${m.diffBefore}: `}<span safe>{formatTarget(ctx.locale, change.before.target)}</span>
                  {` · ${m.diffAfter}: `}<span safe>{formatTarget(ctx.locale, change.after.target)}</span>
                </p>
                {justification(change.uid)}
              </li>
            ))}
          </ul>
        </section>
      )}
      {diff.added.length === 0 ? '' : (
        <section aria-labelledby="diff-added">
          <h2 id="diff-added" class="h4">{m.diffAdded}</h2>
          <ul>
            {diff.added.map((indicator) => <li>{name(indicator)}{' — '}<span safe>{formatTarget(ctx.locale, indicator.target)}</span></li>)}
          </ul>
        </section>
      )}
      {diff.removed.length === 0 ? '' : (
        <section aria-labelledby="diff-removed">
          <h2 id="diff-removed" class="h4">{m.diffRemoved}</h2>
          <ul>
            {diff.removed.map((indicator) => <li>{name(indicator)}{' — '}<span safe>{formatTarget(ctx.locale, indicator.target)}</span>{justification(indicator.uid)}</li>)}
          </ul>
        </section>
      )}
      {diff.unchanged === 0 ? '' : <p>{m.diffUnchanged(diff.unchanged)}</p>}
    </Layout>
  );
}
