import { FACES, type SatisfactionChannel } from '../../../domain/satisfaction/satisfaction-vote.ts';
import type { PageContext } from '../page-context.ts';

/** What the user chose, kept when the form comes back. */
export interface SatisfactionFormValues {
  face: string;
  channel: string;
  reason: string;
}

export const EMPTY_VOTE: SatisfactionFormValues = { face: '', channel: '', reason: '' };

/** The faces as drawn beside their words: decoration only, hidden from screen readers (the words say it all). */
const FACE_GLYPHS: Record<string, string> = { positive: '😊', neutral: '😐', negative: '☹️' };

export interface SatisfactionFormProps {
  ctx: PageContext;
  /** Where the form posts, locale prefix included. */
  action: string;
  /**
   * With a token the form records the vote (a page never cached). Without one (the service page, whose answer is
   * cached and shared, so it cannot carry a per-visitor token) it leads to the form's own page, filled in, to confirm.
   */
  token?: string;
  channels: readonly SatisfactionChannel[];
  values: SatisfactionFormValues;
  error?: { field: string; message: string };
  /** Prefix of element ids, unique in the page. */
  idPrefix: string;
}

/** Three faces with their words (a fieldset and its legend), the channel, an optional reason; no JavaScript needed. */
export function SatisfactionForm(props: SatisfactionFormProps): JSX.Element {
  const { ctx, values, error } = props;
  const m = ctx.messages.satisfaction;
  const id = (name: string) => `${props.idPrefix}-${name}`;
  const invalid = (field: string) => (error?.field === field ? { 'aria-invalid': 'true', 'aria-describedby': id('error') } : {});
  const channel = props.channels.includes(values.channel as SatisfactionChannel) ? values.channel : (props.channels[0] ?? 'web');
  return (
    <form method="post" action={props.action} class="satisfaction-form" novalidate>
      {props.token === undefined ? '' : <input type="hidden" name="token" value={props.token} />}
      {error === undefined ? '' : (
        <div class="alert alert-danger" role="alert" id={id('error')}>
          <strong>{`${m.refused}: `}</strong>
          <span safe>{error.message}</span>
        </div>
      )}
      <fieldset class="satisfaction-faces" {...(error?.field === 'face' ? { 'aria-describedby': id('error') } : {})}>
        <legend>{m.legend}</legend>
        {FACES.map((face, index) => (
          <div class={`form-check satisfaction-face satisfaction-face-${face}`}>
            <input type="radio" name="face" id={id(`face-${face}`)} value={face} checked={values.face === face} {...(index === 0 ? { required: true } : {})} />
            <label for={id(`face-${face}`)}>
              <span class="satisfaction-glyph" aria-hidden="true">{FACE_GLYPHS[face] ?? ''}</span>
              <span>{m.faces[face] ?? face}</span>
            </label>
          </div>
        ))}
      </fieldset>
      <div class="select-wrapper mb-4">
        <label for={id('channel')}>{m.channel}</label>
        <select id={id('channel')} name="channel" {...invalid('channel')}>
          {props.channels.map((option) => (
            <option value={option} selected={option === channel}>{m.channels[option] ?? option}</option>
          ))}
        </select>
      </div>
      <div class="form-group">
        <label for={id('reason')} class="active">{m.reason}</label>
        <textarea id={id('reason')} name="reason" rows="3" maxlength="500" class="form-control" aria-describedby={id('reason-hint')} {...invalid('reason')} safe>
          {values.reason}
        </textarea>
        <small class="form-text" id={id('reason-hint')}>{m.reasonHint}</small>
      </div>
      <div class="visually-hidden" aria-hidden="true">
        <label for={id('sito')}>{m.honeypot}</label>
        <input type="text" id={id('sito')} name="sito" tabindex="-1" autocomplete="off" value="" />
      </div>
      <button type="submit" class="btn btn-primary">{props.token === undefined ? m.check : m.send}</button>
    </form>
  );
}
