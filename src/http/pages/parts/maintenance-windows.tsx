import type { MaintenanceWindow } from '../../../domain/probes/maintenance-window.ts';
import { formatInstant } from '../../view/format.ts';
import type { PageContext } from '../page-context.ts';

/** The planned maintenance windows of what an indicator's probes watch, with the reason of each. */
export function MaintenanceWindows(props: { ctx: PageContext; windows: readonly MaintenanceWindow[] }): JSX.Element {
  const m = props.ctx.messages;
  return (
    <section aria-labelledby="maintenance-heading">
      <h2 id="maintenance-heading">{m.maintenanceHeading}</h2>
      <p>{m.maintenanceNote}</p>
      <ul>
        {props.windows.map((window) => (
          <li safe>
            {`${window.kind === 'once' ? m.maintenanceOnce(formatInstant(props.ctx.locale, window.from), formatInstant(props.ctx.locale, window.to)) : m.maintenanceWeekly(m.weekdays[window.weekday - 1] ?? '', window.at, window.minutes)}: ${window.reason}`}
          </li>
        ))}
      </ul>
    </section>
  );
}
