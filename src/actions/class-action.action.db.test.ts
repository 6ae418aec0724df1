import { expect, it } from 'vitest';
import { describeEachDialect } from '../../test/dialects.ts';
import { newCard, newService, PUBLISH_NOW } from '../../test/factories.ts';
import { ClassActionValidationError, addClassActionPublication, correctClassActionCase, listClassActions, recordClassActionCase, setClassActionStatus, withdrawClassActionPublication } from './class-action.action.ts';
import { readDataVersion } from './data-version.action.ts';
import { importCards } from './import-cards.action.ts';
import { listAuditLog } from './list-audit-log.action.ts';

const OFFICE = { kind: 'user', userId: 2, email: 'qualita@comune.example', role: 'quality-office' } as const;
const CASE = { service: 'anagrafe', court: 'TAR Lazio', caseNumber: 'RG 1234/2026', filedOn: '2026-03-15', subject: 'Tempi di rilascio dei certificati', status: '' };
const NOTICE = { kind: 'notice', publishedOn: '2026-03-20', text: 'Notizia del ricorso per l’efficienza.', documentUrl: '' };

describeEachDialect('class actions', (ctx) => {
  const clock = { now: new Date('2026-12-04T10:00:00Z') };
  const depsOf = async () => {
    const database = await ctx.openFresh();
    await importCards({ database }, [newCard({ service: newService({ slug: 'anagrafe', name: 'Anagrafe' }), year: 2026 })], PUBLISH_NOW);
    return { database, now: () => clock.now, timeZone: 'Europe/Rome' };
  };

  it('lists nothing, with no last change, before anything is recorded', async () => {
    const deps = await depsOf();
    expect(await listClassActions(deps)).toEqual({ cases: [], lastChangeAt: null });
  });

  it('records a case and its publications, newest first, moving the status and the data version, each step audited', async () => {
    const deps = await depsOf();
    const version = await readDataVersion(deps);
    clock.now = new Date('2026-12-04T10:00:00Z');
    const recorded = await recordClassActionCase(deps, OFFICE, CASE);
    expect(recorded).toMatchObject({ serviceSlug: 'anagrafe', court: 'TAR Lazio', caseNumber: 'RG 1234/2026', filedOn: '2026-03-15', status: 'notified', publications: [] });
    clock.now = new Date('2026-12-04T11:00:00Z');
    await addClassActionPublication(deps, OFFICE, { caseId: String(recorded.id), ...NOTICE });
    const decided = await addClassActionPublication(deps, OFFICE, {
      caseId: recorded.id,
      kind: 'sentence',
      publishedOn: '2026-10-01',
      text: 'Il TAR accoglie il ricorso.',
      documentUrl: 'https://www.comune.example.it/sentenza.pdf',
    });
    expect(decided.status).toBe('decided');
    expect(decided.publications.map((p) => [p.kind, p.publishedOn, p.documentUrl])).toEqual([
      ['sentence', '2026-10-01', 'https://www.comune.example.it/sentenza.pdf'],
      ['notice', '2026-03-20', null],
    ]);
    // An older case filed later in the list.
    await recordClassActionCase(deps, OFFICE, { ...CASE, service: '', caseNumber: '', filedOn: '2025-01-10' });

    const listing = await listClassActions(deps);
    expect(listing.cases.map((c) => [c.filedOn, c.serviceSlug, c.publications.length])).toEqual([
      ['2026-03-15', 'anagrafe', 2],
      ['2025-01-10', null, 0],
    ]);
    expect(listing.lastChangeAt).toBe('2026-12-04T11:00:00.000Z');
    expect(await readDataVersion(deps)).toBeGreaterThan(version);
    const audit = await listAuditLog(deps, { action: 'class-action.' });
    expect(audit.map((r) => [r.actor, r.action, r.entityKey])).toEqual([
      ['user:qualita@comune.example', 'class-action.record', String(recorded.id)],
      ['user:qualita@comune.example', 'class-action.publish', String(recorded.id)],
      ['user:qualita@comune.example', 'class-action.publish', String(recorded.id)],
      ['user:qualita@comune.example', 'class-action.record', String(listing.cases[1]!.id)],
    ]);
    expect(JSON.parse(audit[2]?.beforeJson ?? 'null')).toEqual({ status: 'notified' });
    expect(JSON.parse(audit[2]?.afterJson ?? 'null')).toMatchObject({ kind: 'sentence', status: 'decided' });
  });

  it('closes a case by hand, audited once however often it is asked', async () => {
    const deps = await depsOf();
    const recorded = await recordClassActionCase(deps, OFFICE, CASE);
    expect((await setClassActionStatus(deps, OFFICE, { caseId: recorded.id, status: 'closed' })).status).toBe('closed');
    await setClassActionStatus(deps, OFFICE, { caseId: String(recorded.id), status: 'closed' });
    expect((await listClassActions(deps)).cases.map((c) => c.status)).toEqual(['closed']);
    // A publication added afterwards does not reopen it.
    expect((await addClassActionPublication(deps, OFFICE, { caseId: recorded.id, ...NOTICE, kind: 'measures' })).status).toBe('closed');
    expect((await listAuditLog(deps, { action: 'class-action.status' })).map((r) => [r.beforeJson, r.afterJson])).toEqual([['{"status":"notified"}', '{"status":"closed"}']]);
  });

  it('refuses personal data, an unknown service and an unknown case, writing nothing', async () => {
    const deps = await depsOf();
    const refusal = (promise: Promise<unknown>) => promise.then(() => expect.unreachable(), (error: unknown) => error as ClassActionValidationError);
    const personal = await refusal(recordClassActionCase(deps, OFFICE, { ...CASE, subject: 'Ricorso di RSSMRA80A01H501U' }));
    expect(personal).toBeInstanceOf(ClassActionValidationError);
    expect(personal.errors.map((e) => [e.field, e.problem])).toEqual([['subject', 'personal-data']]);
    const unknown = await refusal(recordClassActionCase(deps, OFFICE, { ...CASE, service: 'tributi' }));
    expect(unknown.message).toBe('field "service": no stored service is called "tributi"');
    const noCase = await refusal(addClassActionPublication(deps, OFFICE, { caseId: '99', ...NOTICE }));
    expect(noCase.message).toBe('field "caseId": no case number 99 is recorded');
    expect(await listClassActions(deps)).toEqual({ cases: [], lastChangeAt: null });
    expect(await listAuditLog(deps, { action: 'class-action.' })).toEqual([]);
  });

  it('withdraws a publication from the case, with its reason audited but not its text, and says what is wrong with a bad request', async () => {
    const deps = await depsOf();
    const recorded = await recordClassActionCase(deps, OFFICE, CASE);
    const published = await addClassActionPublication(deps, OFFICE, { caseId: recorded.id, ...NOTICE, text: 'Testo con un nome sfuggito: Mario Bianchi.' });
    const [publication] = published.publications;
    const version = await readDataVersion(deps);
    const after = await withdrawClassActionPublication(deps, OFFICE, { publicationId: String(publication!.id), reason: 'Conteneva il nome del ricorrente.' });
    expect(after.publications).toEqual([]);
    expect(after.status).toBe(published.status);
    expect(await readDataVersion(deps)).toBeGreaterThan(version);
    const [audit] = await listAuditLog(deps, { action: 'class-action.withdraw' });
    expect(JSON.parse(audit?.beforeJson ?? 'null')).toEqual({ publication: publication!.id, kind: NOTICE.kind, publishedOn: NOTICE.publishedOn });
    expect(JSON.parse(audit?.afterJson ?? 'null')).toEqual({ reason: 'Conteneva il nome del ricorrente.' });
    expect(audit?.beforeJson).not.toContain('Bianchi');

    const refusal = (promise: Promise<unknown>) => promise.then(() => expect.unreachable(), (error: unknown) => error as ClassActionValidationError);
    const empty = await refusal(withdrawClassActionPublication(deps, OFFICE, { publicationId: '', reason: '' }));
    expect(empty.errors.map((e) => [e.field, e.problem])).toEqual([['publicationId', 'required'], ['reason', 'required']]);
    const gone = await refusal(withdrawClassActionPublication(deps, OFFICE, { publicationId: publication!.id, reason: 'Di nuovo.' }));
    expect(gone.message).toBe(`field "publicationId": no publication number ${publication!.id} is recorded`);
  });

  it('corrects a case’s own fields, shown by the listing, audited with only what changed, its status and publications untouched', async () => {
    const deps = await depsOf();
    const recorded = await recordClassActionCase(deps, OFFICE, CASE);
    await addClassActionPublication(deps, OFFICE, { caseId: recorded.id, ...NOTICE, kind: 'sentence' });
    const version = await readDataVersion(deps);
    clock.now = new Date('2026-12-04T12:00:00Z');
    const { status: _status, ...fields } = CASE;
    const corrected = await correctClassActionCase(deps, OFFICE, { ...fields, caseId: String(recorded.id), court: 'TAR Lombardia', caseNumber: ' RG 4321/2026 ' });
    expect(corrected).toMatchObject({ court: 'TAR Lombardia', caseNumber: 'RG 4321/2026', status: 'decided' });

    const [listed] = (await listClassActions(deps)).cases;
    expect(listed).toMatchObject({ id: recorded.id, serviceSlug: 'anagrafe', court: 'TAR Lombardia', caseNumber: 'RG 4321/2026', filedOn: '2026-03-15', subject: CASE.subject, status: 'decided' });
    expect(listed?.publications.map((p) => p.kind)).toEqual(['sentence']);
    expect(listed?.updatedAt).toBe('2026-12-04T12:00:00.000Z');
    expect(await readDataVersion(deps)).toBeGreaterThan(version);
    const audit = await listAuditLog(deps, { action: 'class-action.correct' });
    expect(audit.map((r) => [r.actor, r.entityKey])).toEqual([['user:qualita@comune.example', String(recorded.id)]]);
    expect(JSON.parse(audit[0]?.beforeJson ?? 'null')).toEqual({ court: 'TAR Lazio', caseNumber: 'RG 1234/2026' });
    expect(JSON.parse(audit[0]?.afterJson ?? 'null')).toEqual({ court: 'TAR Lombardia', caseNumber: 'RG 4321/2026' });

    // Emptying the service and the number is a correction too.
    const emptied = await correctClassActionCase(deps, OFFICE, { ...fields, caseId: recorded.id, court: 'TAR Lombardia', service: '', caseNumber: '' });
    expect(emptied).toMatchObject({ serviceSlug: null, caseNumber: null });
    const [, second] = await listAuditLog(deps, { action: 'class-action.correct' });
    expect(JSON.parse(second?.beforeJson ?? 'null')).toEqual({ serviceSlug: 'anagrafe', caseNumber: 'RG 4321/2026' });
    expect(JSON.parse(second?.afterJson ?? 'null')).toEqual({ serviceSlug: null, caseNumber: null });
  });

  it('writes nothing for a correction that changes nothing: no audit record, the same data version', async () => {
    const deps = await depsOf();
    const recorded = await recordClassActionCase(deps, OFFICE, CASE);
    const version = await readDataVersion(deps);
    const { status: _status, ...fields } = CASE;
    const same = await correctClassActionCase(deps, OFFICE, { ...fields, caseId: recorded.id, court: '  TAR   Lazio ' });
    expect(same).toEqual(recorded);
    expect(await readDataVersion(deps)).toBe(version);
    expect(await listAuditLog(deps, { action: 'class-action.correct' })).toEqual([]);
  });

  it('refuses a bad correction with every field’s problem, an unknown service and an unknown case, writing nothing', async () => {
    const deps = await depsOf();
    const recorded = await recordClassActionCase(deps, OFFICE, CASE);
    const version = await readDataVersion(deps);
    const { status: _status, ...fields } = CASE;
    const refusal = (promise: Promise<unknown>) => promise.then(() => expect.unreachable(), (error: unknown) => error as ClassActionValidationError);
    const bad = await refusal(correctClassActionCase(deps, OFFICE, { ...fields, caseId: recorded.id, court: '', filedOn: '2026-02-30', subject: 'Scrivere a mario.rossi@example.com' }));
    expect(bad).toBeInstanceOf(ClassActionValidationError);
    expect(bad.errors.map((e) => [e.field, e.problem])).toEqual([['court', 'required'], ['filedOn', 'date'], ['subject', 'personal-data']]);
    const future = await refusal(correctClassActionCase(deps, OFFICE, { ...fields, caseId: recorded.id, filedOn: '2026-12-05' }));
    expect(future.errors.map((e) => [e.field, e.problem])).toEqual([['filedOn', 'future-date']]);
    const unknownService = await refusal(correctClassActionCase(deps, OFFICE, { ...fields, caseId: recorded.id, service: 'tributi' }));
    expect(unknownService.message).toBe('field "service": no stored service is called "tributi"');
    const unknownCase = await refusal(correctClassActionCase(deps, OFFICE, { ...fields, caseId: '99', court: 'TAR Lombardia' }));
    expect(unknownCase.message).toBe('field "caseId": no case number 99 is recorded');
    const noCase = await refusal(correctClassActionCase(deps, OFFICE, { ...fields, caseId: '', court: '' }));
    expect(noCase.errors.map((e) => [e.field, e.problem])).toEqual([['caseId', 'required'], ['court', 'required']]);

    expect((await listClassActions(deps)).cases).toEqual([recorded]);
    expect(await readDataVersion(deps)).toBe(version);
    expect(await listAuditLog(deps, { action: 'class-action.correct' })).toEqual([]);
  });
});
