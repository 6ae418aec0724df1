import type { EvaluationStatus } from '../../../domain/evaluation/evaluation.ts';
import type { PageContext } from '../page-context.ts';
import { Icon } from './icon.tsx';

const ICONS: Record<EvaluationStatus, string> = {
  met: 'it-check-circle',
  missed: 'it-close-circle',
  'at-risk': 'it-warning-circle',
  'below-target': 'it-arrow-down-circle',
  'no-data': 'it-minus-circle',
};

/** A standard's status as an icon AND words ("rispettato"…): colour is never the only signal. */
export function Status(props: { ctx: PageContext; status: EvaluationStatus }): JSX.Element {
  return (
    <span class={`status status-${props.status}`}>
      <Icon name={ICONS[props.status]} size="sm" />
      {props.ctx.messages.statuses[props.status]}
    </span>
  );
}
