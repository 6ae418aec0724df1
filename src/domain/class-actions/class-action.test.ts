import { describe, expect, it } from 'vitest';
import { parseClassActionCase, parseClassActionPublication, statusAfterPublication, type CaseInput, type PublicationInput } from './class-action.ts';
import { findPersonalData } from './personal-data.ts';

const CASE: CaseInput = {
  service: 'anagrafe',
  court: 'TAR Lazio, sezione II',
  caseNumber: 'RG 1234/2026',
  filedOn: '2026-03-15',
  subject: 'Mancato rispetto dei tempi di rilascio dei certificati',
  status: '',
};
const PUBLICATION: PublicationInput = {
  kind: 'notice',
  publishedOn: '2026-03-20',
  text: 'Si dà notizia del ricorso per l’efficienza notificato il 15 marzo 2026 (RG 1234/2026).',
  documentUrl: 'https://www.comune.example.it/atti/ricorso.pdf',
};

describe('a class-action case', () => {
  it('is read from the form, trimmed, with the status notified when none is given', () => {
    expect(parseClassActionCase({ ...CASE, court: '  TAR   Lazio, sezione II ' }, '2026-12-04')).toEqual({
      value: { serviceSlug: 'anagrafe', court: 'TAR Lazio, sezione II', caseNumber: 'RG 1234/2026', filedOn: '2026-03-15', subject: CASE.subject, status: 'notified' },
      errors: [],
    });
  });

  it('needs no service and no case number', () => {
    const parsed = parseClassActionCase({ ...CASE, service: '', caseNumber: '' });
    expect(parsed.value).toMatchObject({ serviceSlug: null, caseNumber: null });
  });

  it('names every field that is wrong at once', () => {
    const parsed = parseClassActionCase({ service: '', court: '', caseNumber: '', filedOn: '2026-02-30', subject: ' ', status: 'pending' });
    expect(parsed.value).toBeNull();
    expect(parsed.errors.map((e) => [e.field, e.problem])).toEqual([
      ['court', 'required'],
      ['filedOn', 'date'],
      ['subject', 'required'],
      ['status', 'choice'],
    ]);
    expect(parsed.errors[1]?.message).toBe('field "filedOn": "2026-02-30" is not a date written YYYY-MM-DD, such as 2026-03-15');
  });

  it('refuses a ricorso filed after today', () => {
    expect(parseClassActionCase({ ...CASE, filedOn: '2026-12-05' }, '2026-12-04').errors).toEqual([
      { field: 'filedOn', problem: 'future-date', message: 'field "filedOn": 2026-12-05 is after today (2026-12-04)' },
    ]);
  });

  it('refuses a subject naming the ricorrente by e-mail address, saying what to remove', () => {
    const parsed = parseClassActionCase({ ...CASE, subject: 'Ricorso di mario.rossi@example.org sui tempi' });
    expect(parsed.errors.map((e) => [e.field, e.problem, e.message])).toEqual([
      ['subject', 'personal-data', 'field "subject": contains an e-mail address ("mario.rossi@example.org"): remove it, this text is published on a public page'],
    ]);
  });
});

describe('a class-action publication', () => {
  it('is read from the form, keeping the text\'s line breaks', () => {
    expect(parseClassActionPublication({ ...PUBLICATION, text: 'Prima riga\r\nseconda riga' }, '2026-12-04').value).toEqual({
      kind: 'notice',
      publishedOn: '2026-03-20',
      text: 'Prima riga\nseconda riga',
      documentUrl: 'https://www.comune.example.it/atti/ricorso.pdf',
    });
  });

  it('names every field that is wrong at once', () => {
    const parsed = parseClassActionPublication({ kind: 'appeal', publishedOn: '20/03/2026', text: '', documentUrl: 'javascript:alert(1)' });
    expect(parsed.errors.map((e) => [e.field, e.problem])).toEqual([
      ['kind', 'choice'],
      ['publishedOn', 'date'],
      ['text', 'required'],
      ['documentUrl', 'url'],
    ]);
  });

  it('refuses a text with a codice fiscale and a phone number, naming both', () => {
    const parsed = parseClassActionPublication({ ...PUBLICATION, text: 'Ricorrente RSSMRA80A01H501U, tel. 333 123 4567.' });
    expect(parsed.errors).toHaveLength(1);
    expect(parsed.errors[0]?.found).toEqual([
      { kind: 'tax-code', text: 'RSSMRA80A01H501U' },
      { kind: 'phone', text: '333 123 4567' },
    ]);
    expect(parsed.errors[0]?.message).toContain('a codice fiscale ("RSSMRA80A01H501U"), a phone number ("333 123 4567")');
  });
});

describe('the personal-data check', () => {
  it.each([
    ['an e-mail address', 'scrivere a anna.bianchi+pa@posta.example.it', 'email', 'anna.bianchi+pa@posta.example.it'],
    ['a codice fiscale in lower case', 'cf rssmra80a01h501u', 'tax-code', 'rssmra80a01h501u'],
    ['a codice fiscale with omocodia', 'RSSMRA8LA01H5M1U', 'tax-code', 'RSSMRA8LA01H5M1U'],
    ['a mobile number', 'cell. 3331234567', 'phone', '3331234567'],
    ['a landline with a prefix', 'tel. 06 1234567', 'phone', '06 1234567'],
    ['an international number', 'tel. +39 06 6989 1234', 'phone', '+39 06 6989 1234'],
  ])('finds %s', (_what, text, kind, found) => {
    expect(findPersonalData(text)).toEqual([{ kind, text: found }]);
  });

  it.each([
    ['dates', 'Sentenza del 2026-03-15, depositata il 15/03/2026'],
    ['case numbers', 'RG 1234/2026, sentenza n. 00567/2026, ricorso n. 3456 del 2026'],
    ['amounts and counts', 'Indennizzo di 25,50 euro per 312 richieste; 30 giorni'],
    ['a court and a law', 'TAR Lazio, d.lgs. 198/2009 art. 4 c.6'],
    ['a web address', 'https://www.comune.example.it/atti/sentenza-2026.pdf'],
  ])('leaves %s alone', (_what, text) => {
    expect(findPersonalData(text)).toEqual([]);
  });

  it('reports an e-mail address whose name holds digits once', () => {
    expect(findPersonalData('mario.3331234567@example.org')).toEqual([{ kind: 'email', text: 'mario.3331234567@example.org' }]);
  });
});

describe('the status of a case after a publication', () => {
  it('moves forward with a sentence and with compliance measures, never back, and a closed case stays closed', () => {
    expect(statusAfterPublication('notified', 'sentence')).toBe('decided');
    expect(statusAfterPublication('decided', 'measures')).toBe('complied');
    expect(statusAfterPublication('complied', 'notice')).toBe('complied');
    expect(statusAfterPublication('closed', 'measures')).toBe('closed');
  });
});
