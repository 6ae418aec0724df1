import { expect, it } from 'vitest';
import { sql } from 'kysely';
import type { MeasureEvent } from '../../domain/events/event.ts';
import { describeEachDialect } from '../../../test/dialects.ts';
import {
  countEvents,
  findEventDates,
  findEventsByIds,
  findEventsBySubjects,
  findEventsOnDates,
  insertEvents,
  insertEventsIfNew,
  replaceEvent,
  type EventToWrite,
} from './event.repository.ts';

const R = '2026-03-10T12:00:00.000Z';

function event(overrides: Partial<MeasureEvent> = {}): MeasureEvent {
  return { id: 'e1', source: 'feed', kind: 'call.received', subject: null, occurredAt: new Date('2026-03-02T09:00:00Z'), attributes: { answered: true }, ...overrides };
}

function write(e: MeasureEvent, localDate = '2026-03-02'): EventToWrite {
  return { event: e, occurredAt: e.occurredAt.toISOString(), localDate, receivedAt: R };
}

describeEachDialect('event repository', (ctx) => {
  it('inserts events in multi-row statements and finds them by source and id', async () => {
    const { db } = await ctx.openFresh();
    const many = Array.from({ length: 7 }, (_, i) => write(event({ id: `e${i}`, attributes: { n: i, ok: i % 2 === 0, note: null } })));
    await insertEvents(db, many, 3);
    expect(await countEvents(db)).toBe(7);
    const found = await findEventsByIds(db, 'feed', ['e2', 'e5', 'missing']);
    expect(found.map((s) => s.event).sort((a, b) => a.id.localeCompare(b.id))).toEqual([many[2]!.event, many[5]!.event]);
    expect(found[0]).toMatchObject({ localDate: '2026-03-02', receivedAt: R });
    expect(await findEventsByIds(db, 'other', ['e2'])).toEqual([]);
  });

  it('refuses the same source and id twice', async () => {
    const { db } = await ctx.openFresh();
    await insertEvents(db, [write(event())]);
    await expect(insertEvents(db, [write(event({ kind: 'call.missed' }))])).rejects.toThrow(/unique/i);
  });

  it('inserts events only if none of their keys is stored, and says which happened, leaving nothing half-inserted', async () => {
    const { db } = await ctx.openFresh();
    await db.transaction().execute(async (trx) => {
      expect(await insertEventsIfNew(trx, [write(event()), write(event({ id: 'e2' }))], 1)).toBe(true);
      // The second statement meets a stored key: the first one's row is taken back too.
      expect(await insertEventsIfNew(trx, [write(event({ id: 'e3' })), write(event({ kind: 'call.missed' })), write(event({ id: 'e4' }))], 1)).toBe(false);
      expect(await insertEventsIfNew(trx, [], 1)).toBe(true);
    });
    expect((await findEventsByIds(db, 'feed', ['e1', 'e2', 'e3', 'e4'])).map((s) => `${s.event.id} ${s.event.kind}`).sort()).toEqual(['e1 call.received', 'e2 call.received']);
  });

  it('inserts none of the events when a key comes twice among them, in one statement or in two', async () => {
    const { db } = await ctx.openFresh();
    await db.transaction().execute(async (trx) => {
      const repeated = [write(event({ id: 'e5' })), write(event({ id: 'e6' })), write(event({ id: 'e5', kind: 'call.missed' }))];
      expect(await insertEventsIfNew(trx, repeated, 500)).toBe(false);
      expect(await insertEventsIfNew(trx, repeated, 2)).toBe(false);
    });
    expect(await findEventsByIds(db, 'feed', ['e5', 'e6'])).toEqual([]);
  });

  it('replaces an event\'s content in place', async () => {
    const { db } = await ctx.openFresh();
    await insertEvents(db, [write(event())]);
    const [stored] = await findEventsByIds(db, 'feed', ['e1']);
    const corrected = event({ subject: 'S', occurredAt: new Date('2026-03-04T09:00:00Z') });
    await replaceEvent(db, write(corrected, '2026-03-04'));
    const [after] = await findEventsByIds(db, 'feed', ['e1']);
    expect(after).toMatchObject({ rowId: stored!.rowId, localDate: '2026-03-04', event: corrected });
  });

  it('finds events by kind and local date, by kind and subject, and lists their dates', async () => {
    const { db } = await ctx.openFresh();
    await insertEvents(db, [
      write(event({ id: 'a', kind: 'request.opened', subject: 'R1', occurredAt: new Date('2026-03-01T09:00:00Z') }), '2026-03-01'),
      write(event({ id: 'b', kind: 'request.closed', subject: 'R1', occurredAt: new Date('2026-03-03T09:00:00Z') }), '2026-03-03'),
      write(event({ id: 'c', kind: 'request.closed', subject: 'R2', occurredAt: new Date('2026-03-03T08:00:00Z') }), '2026-03-03'),
      write(event({ id: 'd', kind: 'call.received', occurredAt: new Date('2026-03-05T08:00:00Z') }), '2026-03-05'),
    ]);
    expect((await findEventsOnDates(db, ['request.closed'], ['2026-03-03', '2026-03-04'])).map((s) => s.event.id)).toEqual(['c', 'b']);
    expect((await findEventsBySubjects(db, ['request.opened', 'request.closed'], ['R1'])).map((s) => s.event.id)).toEqual(['a', 'b']);
    expect(await findEventDates(db, ['request.opened', 'request.closed'])).toEqual(['2026-03-01', '2026-03-03']);
    expect(await findEventsOnDates(db, [], ['2026-03-03'])).toEqual([]);
    expect(await findEventDates(db, [])).toEqual([]);
  });
});

describeEachDialect('event repository on a busy day', (ctx) => {
  it('reads a day of 150 000 events of one kind (more than a call can take as arguments)', async () => {
    const database = await ctx.openFresh();
    // Written by the database itself: a recursive count, quicker than sending 150 000 rows.
    await sql`
      insert into events (source, event_id, kind, subject, occurred_at, local_date, attributes_json, received_at)
      with recursive n(i) as (select 1 union all select i + 1 from n where i < 150000)
      select 'contact-centre', 'call-' || i, 'call.received', null, '2026-03-02T10:00:00.000Z', '2026-03-02', '{}', '2026-03-02T11:00:00.000Z' from n
    `.execute(database.db);
    const found = await findEventsOnDates(database.db, ['call.received'], ['2026-03-02']);
    expect(found).toHaveLength(150_000);
    expect(found[149_999]?.localDate).toBe('2026-03-02');
  }, 60_000);
});
