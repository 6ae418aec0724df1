import type { RichText as RichTextValue } from '../../../domain/cards/card.ts';
import { safeHref } from '../../view/safe-href.ts';
import { dataLang, type PageContext } from '../page-context.ts';

/** A card cell: its words, then the links it held (only web, mail and phone links are kept). */
export function RichText(props: { ctx: PageContext; value: RichTextValue }): JSX.Element {
  const links = props.value.links.flatMap((link) => {
    const href = safeHref(link.href);
    return href === null ? [] : [{ href, text: link.text.trim() || href }];
  });
  return (
    <div lang={dataLang(props.ctx)}>
      {props.value.text.trim() === '' ? '' : <p class="mb-2" safe>{props.value.text}</p>}
      {links.length === 0 ? (
        ''
      ) : (
        <ul class="mb-2">
          {links.map((link) => (
            <li>
              <a href={link.href} safe>
                {link.text}
              </a>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
