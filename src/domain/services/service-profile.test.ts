import { describe, expect, it } from 'vitest';
import { newService } from '../../../test/factories.ts';
import {
  cardValuesOf,
  EMPTY_PROFILE,
  effectiveServiceProfile,
  formatEuroAmount,
  parseEuroCents,
  parseServiceProfile,
  profileInputOf,
  type ProfileInput,
} from './service-profile.ts';

const EMPTY_INPUT: ProfileInput = {
  name: '',
  office: '',
  channelsText: '',
  webAddress: '',
  diffidaBody: '',
  diffidaPec: '',
  diffidaProcedure: '',
  complaintHow: '',
  complaintResponseDays: '',
  indemnityAmount: '',
  indemnityConditions: '',
};

describe('reading the profile form', () => {
  it('reads an empty form as a profile that sets nothing', () => {
    expect(parseServiceProfile(EMPTY_INPUT)).toEqual({ profile: EMPTY_PROFILE, errors: [] });
  });

  it('reads every field, trimmed, with the days as a number and the amount in cents', () => {
    const { profile } = parseServiceProfile({
      name: '  Sportello unico  ',
      office: 'Ufficio relazioni con il pubblico',
      channelsText: 'Sportello in via Roma 1\r\ndal lunedì al venerdì 9-13',
      webAddress: 'https://www.comune.example.it/sportello',
      diffidaBody: 'Segretario generale',
      diffidaPec: 'protocollo@pec.comune.example.it',
      diffidaProcedure: 'La diffida è protocollata e istruita entro 90 giorni.',
      complaintHow: 'Modulo online o PEC',
      complaintResponseDays: '30',
      indemnityAmount: '€ 25,50',
      indemnityConditions: 'Se il certificato è rilasciato oltre i 30 giorni',
    });
    expect(profile).toEqual({
      name: 'Sportello unico',
      office: 'Ufficio relazioni con il pubblico',
      channelsText: 'Sportello in via Roma 1\ndal lunedì al venerdì 9-13',
      webAddress: 'https://www.comune.example.it/sportello',
      diffidaBody: 'Segretario generale',
      diffidaPec: 'protocollo@pec.comune.example.it',
      diffidaProcedure: 'La diffida è protocollata e istruita entro 90 giorni.',
      complaintHow: 'Modulo online o PEC',
      complaintResponseDays: 30,
      indemnityAmountCents: 2550,
      indemnityConditions: 'Se il certificato è rilasciato oltre i 30 giorni',
    });
  });

  it('names every wrong field at once, each with its problem', () => {
    const result = parseServiceProfile({ ...EMPTY_INPUT, diffidaPec: 'protocollo at pec', webAddress: 'www.comune.it', complaintResponseDays: '0', indemnityAmount: 'dieci euro' });
    expect(result.profile).toBeNull();
    expect(result.errors.map((e) => [e.field, e.problem])).toEqual([
      ['diffidaPec', 'email'],
      ['webAddress', 'url'],
      ['complaintResponseDays', 'days'],
      ['indemnityAmount', 'amount'],
    ]);
    expect(result.errors[0]?.message).toBe('field "diffidaPec": "protocollo at pec" is not an e-mail (PEC) address such as protocollo@pec.comune.example.it');
  });

  it.each(['1.5', '-3', '366', 'trenta', '30 ore'])('refuses %j as a response time in days', (days) => {
    expect(parseServiceProfile({ ...EMPTY_INPUT, complaintResponseDays: days }).errors.map((e) => e.field)).toEqual(['complaintResponseDays']);
  });

  it.each(['30', '30 giorni', '365'])('accepts %j as a response time in days', (days) => {
    expect(parseServiceProfile({ ...EMPTY_INPUT, complaintResponseDays: days }).errors).toEqual([]);
  });

  it.each(['ftp://comune.example.it', 'javascript:alert(1)', 'https://localhost', 'https://comune .it'])('refuses %j as a web page', (url) => {
    expect(parseServiceProfile({ ...EMPTY_INPUT, webAddress: url }).errors.map((e) => e.problem)).toEqual(['url']);
  });

  it('refuses a text too long and control characters, naming the field', () => {
    const result = parseServiceProfile({ ...EMPTY_INPUT, name: 'x'.repeat(301), office: 'Ufficio\u0007' });
    expect(result.errors.map((e) => [e.field, e.problem])).toEqual([
      ['name', 'too-long'],
      ['office', 'control-characters'],
    ]);
  });

  it('gives back the text a stored profile was typed as', () => {
    const input = { ...EMPTY_INPUT, name: 'Sportello', complaintResponseDays: '15', indemnityAmount: '1.250,05' };
    const { profile } = parseServiceProfile(input);
    expect(profileInputOf(profile!)).toEqual(input);
  });
});

describe('amounts in euro', () => {
  it.each([
    ['25', 2500],
    ['25,5', 2550],
    ['25,50', 2550],
    ['25.50', 2550],
    ['1.250', 125000],
    ['1.250,00', 125000],
    ['€ 1.250,75', 125075],
    ['10 euro', 1000],
    ['1.000.000', 100_000_000],
  ])('reads %j as %i cents', (text, cents) => {
    expect(parseEuroCents(text)).toBe(cents);
  });

  it.each(['0', '0,00', '25,505', '1,250.00', '12.34.56', '', 'abc', '-5', '1.000.000,01'])('refuses %j', (text) => {
    expect(parseEuroCents(text)).toBeNull();
  });

  it('writes cents as Italian documents do', () => {
    expect([formatEuroAmount(2500), formatEuroAmount(2550), formatEuroAmount(125005), formatEuroAmount(100000000)]).toEqual(['25', '25,50', '1.250,05', '1.000.000']);
  });
});

describe('the effective profile of a service', () => {
  const card = newService({
    diffidaBody: { text: 'Direttore generale, PEC dg@pec.lavoro.gov.it.', links: [] },
  });

  it('is the card when the profile sets nothing, the PEC address read from the organo', () => {
    const effective = effectiveServiceProfile(card);
    expect(effective.service).toEqual(card);
    expect(effective.diffida).toEqual({ body: card.diffidaBody, pec: 'dg@pec.lavoro.gov.it', procedure: null });
    expect(effective.complaints).toEqual({ how: null, responseDays: null, indemnity: null });
    expect(effective.overridden).toEqual([]);
  });

  it('takes each field the profile sets in place of the card, and keeps the card for the others', () => {
    const effective = effectiveServiceProfile(card, {
      ...EMPTY_PROFILE,
      name: 'Nuovo nome',
      webAddress: 'https://nuovo.example.it',
      diffidaPec: 'nuova@pec.example.it',
      indemnityAmountCents: 2000,
    });
    expect(effective.service).toEqual({ ...card, name: 'Nuovo nome', webAddress: { text: 'https://nuovo.example.it', href: 'https://nuovo.example.it' } });
    expect(effective.diffida.pec).toBe('nuova@pec.example.it');
    expect(effective.complaints.indemnity).toEqual({ amountCents: 2000, conditions: null });
    expect(effective.overridden).toEqual(['name', 'webAddress', 'diffidaPec', 'indemnityAmount']);
  });

  it('replaces the organo with the profile\'s words, keeping the card\'s PEC address until the profile sets one', () => {
    const effective = effectiveServiceProfile(card, { ...EMPTY_PROFILE, diffidaBody: 'Segretario generale' });
    expect(effective.service.diffidaBody).toEqual({ text: 'Segretario generale', links: [] });
    // The card's address still stands: the office changed the organo's words, not where to send it.
    expect(effective.diffida.pec).toBe('dg@pec.lavoro.gov.it');
  });

  it('reads the PEC address of a mailto link beside the organo', () => {
    const linked = newService({ diffidaBody: { text: 'Direttore generale', links: [{ text: 'scrivi', href: 'mailto:dg@pec.example.it?subject=diffida' }] } });
    expect(effectiveServiceProfile(linked).diffida.pec).toBe('dg@pec.example.it');
  });
});

describe('what the card says, beside the form', () => {
  it('gives the card\'s own value of each field, and nothing for what cards never state', () => {
    const card = newService({ diffidaBody: { text: 'Direttore generale, PEC dg@pec.example.it', links: [] } });
    expect(cardValuesOf(card)).toEqual({
      name: card.name,
      office: card.office,
      channelsText: 'Portale: http://servizi.lavoro.gov.it; Contact center: 800 000 000',
      webAddress: 'http://servizi.lavoro.gov.it',
      diffidaBody: 'Direttore generale, PEC dg@pec.example.it',
      diffidaPec: 'dg@pec.example.it',
      diffidaProcedure: '',
      complaintHow: '',
      complaintResponseDays: '',
      indemnityAmount: '',
      indemnityConditions: '',
    });
  });
});
