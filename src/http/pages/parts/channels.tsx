import type { Channel } from '../../../domain/cards/card.ts';
import { formatHours } from '../../view/format.ts';
import { channelHref } from '../../view/safe-href.ts';
import { dataLang, type PageContext } from '../page-context.ts';
import { Icon } from './icon.tsx';

const ICONS: Record<Channel['kind'], string> = {
  web: 'it-external-link',
  app: 'it-software',
  phone: 'it-telephone',
  email: 'it-mail',
  social: 'it-share',
  desk: 'it-map-marker',
  other: 'it-info-circle',
};

/** The service's channels: kind, label, address (as a link when it is one) and opening hours. */
export function Channels(props: { ctx: PageContext; channels: Channel[] }): JSX.Element {
  const { ctx } = props;
  const m = ctx.messages;
  if (props.channels.length === 0) return <p>{m.noChannels}</p>;
  return (
    <ul class="list-unstyled">
      {props.channels.map((channel) => {
        const href = channelHref(channel.address);
        const kind = m.channelKinds[channel.kind];
        // Cards often label a channel by its kind ("Telefono"); saying it twice helps nobody.
        const label = channel.label.trim().toLowerCase() === kind.toLowerCase() ? '' : channel.label.trim();
        return (
          <li class="mb-3">
            <Icon name={ICONS[channel.kind]} size="sm" />{' '}
            <strong>{kind}</strong>
            {label === '' ? '' : <>{': '}<span lang={dataLang(ctx)} safe>{label}</span></>}
            {channel.address === null ? (
              ''
            ) : (
              <>
                {' — '}
                {href === null ? <span safe>{channel.address}</span> : <a href={href} safe>{channel.address}</a>}
              </>
            )}
            <br />
            <span class="text-muted">{channel.hours === null ? m.alwaysOpen : formatHours(ctx.locale, channel.hours)}</span>
          </li>
        );
      })}
    </ul>
  );
}
