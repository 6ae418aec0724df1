/** Where Bootstrap Italia's icon sprite is served. */
export const SPRITES = '/static/bootstrap-italia/svg/sprites.svg';

/** A decorative Bootstrap Italia icon: hidden from assistive technologies, the words next to it carry the meaning. */
export function Icon(props: { name: string; size?: 'xs' | 'sm' | 'lg'; class?: string }): JSX.Element {
  const classes = ['icon', props.size ? `icon-${props.size}` : '', props.class ?? ''].filter(Boolean).join(' ');
  return (
    <svg class={classes} aria-hidden="true" focusable="false">
      <use href={`${SPRITES}#${props.name}`}></use>
    </svg>
  );
}
