import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { DrillDownRequest } from '../../actions/evaluation-drill-down.action.ts';
import { UserError } from '../../domain/shared/errors.ts';
import { dayEventCsvLine, dayEventsCsvHeader } from '../../formats/day-events-csv.ts';
import { AdminEvaluationPage } from '../pages/admin-evaluation.page.tsx';
import { loadPageContext, sendHtml } from '../render.ts';
import { currentYearOf, type SiteDeps } from '../site-settings.ts';

/** The actions the drill-down calls. */
export type EvaluationActions = Required<Pick<SiteDeps['actions'], 'getEvaluationDrillDown' | 'streamDayEvents'>>;

/** A query value as text ('' when absent or repeated). */
function textOf(query: Record<string, unknown>, name: string): string {
  const value = query[name];
  return typeof value === 'string' ? value.trim() : '';
}

/** The year asked for, else this year: a year outside the calendar's is this year too. */
function yearOf(query: Record<string, unknown>, currentYear: number): number {
  const text = textOf(query, 'anno');
  const year = /^\d{4}$/.test(text) ? Number(text) : NaN;
  return Number.isInteger(year) && year >= 2001 ? year : currentYear;
}

/**
 * /admin/valutazione: an indicator's year, months and days with the same numbers as the report, and a day's events;
 * without an indicator, the list to pick one from. /admin/valutazione.csv: every event of that day, streamed.
 */
export function registerAdminEvaluationRoutes(scope: FastifyInstance, deps: SiteDeps, actions: EvaluationActions): void {
  scope.get<{ Querystring: Record<string, unknown> }>('/admin/valutazione', async (request, reply) => {
    const year = yearOf(request.query, currentYearOf(deps.settings));
    const service = textOf(request.query, 'servizio');
    const indicator = textOf(request.query, 'indicatore');
    const day = textOf(request.query, 'giorno');
    const { ctx } = await loadPageContext(request, deps);
    const choose = async (status: number, notFound: boolean) => {
      const choices = await deps.actions.getReport({ year, granularity: 'month' });
      return sendHtml(reply, AdminEvaluationPage({ ctx, year, choices, notFound }), status);
    };
    if (service === '' || indicator === '') return choose(200, false);
    const asked: DrillDownRequest = { service, indicator, year, ...(day === '' ? {} : { day }) };
    let drillDown;
    try {
      drillDown = await actions.getEvaluationDrillDown(asked);
    } catch (error) {
      // A malformed day or a day of another year: the indicator without a day view.
      if (!(error instanceof UserError)) throw error;
      drillDown = await actions.getEvaluationDrillDown({ service, indicator, year });
    }
    if (drillDown === undefined) return choose(404, true);
    return sendHtml(reply, AdminEvaluationPage({ ctx, year, drillDown }));
  });

  scope.get<{ Querystring: Record<string, unknown> }>('/admin/valutazione.csv', async (request, reply) => {
    const year = yearOf(request.query, currentYearOf(deps.settings));
    const service = textOf(request.query, 'servizio');
    const indicator = textOf(request.query, 'indicatore');
    const day = textOf(request.query, 'giorno');
    const headers = (name: string) => void reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${name}"`);
    // Nothing asked: the columns alone, as for a day without events.
    if (service === '' || indicator === '' || day === '') {
      headers('eventi.csv');
      return reply.send(dayEventsCsvHeader());
    }
    const events = actions.streamDayEvents({ service, indicator, year, day })[Symbol.asyncIterator]();
    // The first read says whether the indicator and day exist, before the status is sent.
    let first: IteratorResult<Parameters<typeof dayEventCsvLine>[0]>;
    try {
      first = await events.next();
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
      return reply.code(404).type('text/plain; charset=utf-8').send(error.message);
    }
    async function* lines(): AsyncGenerator<string> {
      yield dayEventsCsvHeader();
      if (first.done === true) return;
      yield dayEventCsvLine(first.value);
      for (let next = await events.next(); next.done !== true; next = await events.next()) yield dayEventCsvLine(next.value);
    }
    headers(`eventi-${service}-${indicator}-${day}.csv`.replace(/[^\w.-]/g, '_'));
    return reply.send(Readable.from(lines()));
  });
}
