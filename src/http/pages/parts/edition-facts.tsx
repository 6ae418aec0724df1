import type { CardListing } from '../../../actions/list-cards.action.ts';
import { localePath } from '../../i18n/locale.ts';
import { formatDate } from '../../view/format.ts';
import { dataLang, type PageContext } from '../page-context.ts';

/** "2026", "2026-r2" or "senza anno", as a reader names an edition. */
export function editionLabel(ctx: PageContext, card: Pick<CardListing, 'year' | 'edition'>): string {
  if (card.year === null) return ctx.messages.undatedEdition;
  return card.edition;
}

/** Status, the act that adopted it, in force since, published, superseded or withdrawn: what makes the card official. */
export function EditionFacts(props: { ctx: PageContext; card: CardListing }): JSX.Element {
  const { ctx, card } = props;
  const m = ctx.messages;
  const { lifecycle } = card;
  const day = (instant: string | null) => (instant === null ? null : formatDate(ctx.locale, instant.slice(0, 10)));
  const closed = day(lifecycle.closedAt);
  return (
    <dl class="definition-list edition-facts" aria-label={m.editionFacts}>
      <dt>{m.status}</dt>
      <dd>{m.editionStatus[lifecycle.status] ?? lifecycle.status}</dd>
      {lifecycle.inForceFrom === null ? '' : <><dt>{m.inForceSince}</dt><dd>{day(lifecycle.inForceFrom) ?? ''}</dd></>}
      {lifecycle.act === null ? '' : <><dt>{m.adoptedBy}</dt><dd lang={dataLang(ctx)} safe>{lifecycle.act}</dd></>}
      {lifecycle.publishedAt === null ? '' : <><dt>{m.publishedOn}</dt><dd>{day(lifecycle.publishedAt) ?? ''}</dd></>}
      {closed === null ? '' : (
        <>
          <dt>{lifecycle.status === 'withdrawn' ? m.withdrawnOn : m.supersededOn}</dt>
          <dd>
            {closed}
            {lifecycle.closeReason === null ? '' : <span lang={dataLang(ctx)} safe>{` — ${lifecycle.closeReason}`}</span>}
          </dd>
        </>
      )}
    </dl>
  );
}

/** The "(&)" justifications an edition was approved with: published with the card. */
export function Justifications(props: { ctx: PageContext; card: CardListing }): JSX.Element {
  const m = props.ctx.messages;
  const { justifications } = props.card.lifecycle;
  if (justifications.length === 0) return <></>;
  return (
    <section class="mt-4" aria-labelledby={`justifications-${props.card.edition}`}>
      <h3 class="h5" id={`justifications-${props.card.edition}`}>{m.justificationsTitle}</h3>
      <ul>
        {justifications.map((j) => (
          <li>
            <code safe>{j.slug}</code>
            {` (${m.justificationKind[j.kind] ?? j.kind}): `}
            <span lang={dataLang(props.ctx)} safe>{j.text}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Every public edition, newest first, with its status and dates, and a link to what changed from the one before. */
export function EditionsList(props: { ctx: PageContext; serviceSlug: string; editions: readonly CardListing[]; current?: string }): JSX.Element {
  const { ctx } = props;
  const m = ctx.messages;
  const oldestFirst = [...props.editions].reverse();
  return (
    <>
      <h3 class="h5">{m.earlierEditions}</h3>
      <ul>
        {props.editions.map((edition) => {
          const label = `${m.edition} ${editionLabel(ctx, edition)}`;
          const status = m.editionStatus[edition.lifecycle.status] ?? edition.lifecycle.status;
          const since = edition.lifecycle.inForceFrom === null ? '' : `, ${m.inForceSince.toLowerCase()} ${formatDate(ctx.locale, edition.lifecycle.inForceFrom)}`;
          const previous = oldestFirst[oldestFirst.indexOf(edition) - 1];
          const base = `/servizi/${props.serviceSlug}/${edition.edition}`;
          return (
            <li>
              {edition.edition === props.current ? <span aria-current="page">{label}</span> : <a href={localePath(ctx.locale, base)}>{label}</a>}
              {` (${status}${since})`}
              {previous === undefined ? '' : (
                <>
                  {' · '}
                  <a href={localePath(ctx.locale, `${base}/confronto`)}>{m.compareWithPrevious(editionLabel(ctx, previous))}</a>
                </>
              )}
            </li>
          );
        })}
      </ul>
    </>
  );
}

/** The card's own notes under its table, word for word: the "(*)" additional dimensions and the "(&)" rule among them. */
export function CardNotes(props: { ctx: PageContext; card: CardListing }): JSX.Element {
  if (props.card.notes.length === 0) return <></>;
  return (
    <section class="card-notes mt-3" aria-label={props.ctx.messages.cardNotes}>
      {props.card.notes.map((note) => (
        <p class="small" lang={dataLang(props.ctx)} safe>
          {note}
        </p>
      ))}
    </section>
  );
}
