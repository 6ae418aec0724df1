import { describe, expect, it } from 'vitest';
import {
  extractChannels,
  findEmailAddresses,
  findOpeningHours,
  findPhoneNumbers,
  findSocialNetworks,
  findStaffCount,
  mentionsMobileApp,
  mentionsOnlineDelivery,
  parseTimeRanges,
  parseWeekdays,
} from './channels-from-text.ts';

describe('parseWeekdays', () => {
  it.each([
    ['dal lunedì al venerdì', [1, 2, 3, 4, 5]],
    ['dal lunedi al venerdi', [1, 2, 3, 4, 5]],
    ['da lunedì a venerdì', [1, 2, 3, 4, 5]],
    ['lun-ven 9-13', [1, 2, 3, 4, 5]],
    ['Lun. - Ven.', [1, 2, 3, 4, 5]],
    ['dal lunedì al sabato', [1, 2, 3, 4, 5, 6]],
    ['dal sabato al lunedì', [6, 7, 1]],
    ['il martedì e il giovedì', [2, 4]],
    ['tutti i giorni', [1, 2, 3, 4, 5, 6, 7]],
    ['7 giorni su 7', [1, 2, 3, 4, 5, 6, 7]],
    ['nel mese di marzo', null],
    ['nessun giorno indicato', null],
  ])('reads %j as %j', (text, expected) => {
    expect(parseWeekdays(text)).toEqual(expected);
  });
});

describe('parseTimeRanges', () => {
  it.each([
    ['dalle ore 9.00 alle ore 20.00', [{ opens: '09:00', closes: '20:00' }]],
    ['dalle 8:30 alle 17', [{ opens: '08:30', closes: '17:00' }]],
    ['lun-ven 9-13', [{ opens: '09:00', closes: '13:00' }]],
    ['ore 9:00 – 13:30', [{ opens: '09:00', closes: '13:30' }]],
    ['dalle 9 alle 13 e dalle 14 alle 17', [{ opens: '09:00', closes: '13:00' }, { opens: '14:00', closes: '17:00' }]],
    ['numero 800-196-196', []],
    ['anni 2020-2021', []],
    ['dalle 18 alle 9', []],
    ['dalle 25 alle 26', []],
  ])('reads %j as %j', (text, expected) => {
    expect(parseTimeRanges(text)).toEqual(expected);
  });
});

describe('findOpeningHours', () => {
  it.each([
    ['dal lunedì al venerdì dalle 8:30 alle 17', { weekdays: [1, 2, 3, 4, 5], opens: '08:30', closes: '17:00' }],
    ['lun-ven 9-13', { weekdays: [1, 2, 3, 4, 5], opens: '09:00', closes: '13:00' }],
    ['dal lunedì al sabato, dalle ore 8.00 alle ore 14.00', { weekdays: [1, 2, 3, 4, 5, 6], opens: '08:00', closes: '14:00' }],
  ])('reads %j', (text, hours) => {
    expect(findOpeningHours(text)).toEqual({ hours, doubt: null });
  });

  it.each([
    ['dal lunedì al venerdì dalle 9 alle 13 e dalle 14 alle 17', /more than one time range/],
    ['dalle 9 alle 13', /hours are given .* but no days/],
    ['dal lunedì al venerdì', /days are given .* but no hours/],
  ])('does not guess from %j but says why', (text, doubt) => {
    const found = findOpeningHours(text);
    expect(found.hours).toBeNull();
    expect(found.doubt).toMatch(doubt);
  });

  it('finds nothing and doubts nothing in a text without hours', () => {
    expect(findOpeningHours('oppure inviando una mail')).toEqual({ hours: null, doubt: null });
  });
});

describe('findPhoneNumbers', () => {
  it.each([
    ['chiamando il numero gratuito 800 196 196 dal lunedì', ['800 196 196']],
    ['chiamando il numero gratuito 800196196.', ['800196196']],
    ['tel. 06 4683 1234', ['06 4683 1234']],
    ['Telefono: 06.46831234', ['06.46831234']],
    ['al numero +39 06 46831234', ['+39 06 46831234']],
    ['tel 06 1234567, fax 06 7654321', ['06 1234567']],
    ['fax 06 7654321; tel 06 1234567', ['06 1234567']],
    ['legge 68/1999 e art. 39, anno 2021, 60 x 1000', []],
    ['protocollo 1234567', []],
  ])('finds in %j the numbers %j', (text, numbers) => {
    expect(findPhoneNumbers(text).map((p) => p.address)).toEqual(numbers);
  });
});

describe('findEmailAddresses', () => {
  it.each([
    ["inviando una mail all'indirizzo: centrodicontatto@lavoro.gov.it.", ['centrodicontatto@lavoro.gov.it']],
    ['scrivere a urp@inps.it o a URP@inps.it', ['urp@inps.it']],
    ['nessun indirizzo', []],
  ])('finds in %j the addresses %j', (text, addresses) => {
    expect(findEmailAddresses(text).map((e) => e.address)).toEqual(addresses);
  });
});

describe('findStaffCount', () => {
  it.each([
    ['Il servizio viene erogato da 16 operatori impiegati', 16],
    ['con 3 addetti allo sportello', 3],
    ['16 operatori al mattino e 8 operatori il pomeriggio', null],
    ['legge 68/1999', null],
  ])('reads %j as %j', (text, staff) => {
    expect(findStaffCount(text)).toBe(staff);
  });
});

describe('mentions', () => {
  it.each([
    ['Accesso tramite applicazione mobile', true],
    ['Accesso tramite Iclavoro, applicazione per Iphone', true],
    ["scarica l'app IO", true],
    ['applicazione della normativa vigente', false],
    ['Appalti e contratti', false],
  ])('mentionsMobileApp(%j) is %j', (text, expected) => {
    expect(mentionsMobileApp(text)).toBe(expected);
  });

  it.each([
    ['Pagine su vari social network (facebook, LinkedIn, Twitter, Instagram)', ['Facebook', 'Twitter', 'LinkedIn', 'Instagram']],
    ['canali social (Facebook, Twitter, LinkedIn, YouTube e il Blog', ['Facebook', 'Twitter', 'LinkedIn', 'YouTube']],
    ['Ministero del Lavoro e delle Politiche Sociali', []],
  ])('findSocialNetworks(%j) is %j', (text, names) => {
    expect(findSocialNetworks(text)).toEqual(names);
  });

  it.each([
    ['online', true],
    ['On-line dal portale Cliclavoro', true],
    ['presso lo sportello', false],
  ])('mentionsOnlineDelivery(%j) is %j', (text, expected) => {
    expect(mentionsOnlineDelivery(text)).toBe(expected);
  });
});

describe('extractChannels', () => {
  it('reads a contact centre: staff, a phone with its hours and an e-mail without hours', () => {
    const deliveryMode =
      "Il servizio viene erogato da 16 operatori impiegati in servizio di front-office e back-office. Si accede chiamando il numero gratuito 800 196 196 dal lunedì al venerdì, dalle ore 9.00 alle ore 20.00, oppure inviando una mail all'indirizzo: centrodicontatto@lavoro.gov.it.";
    const result = extractChannels({ deliveryMode, characteristics: 'Il Centro di Contatto è un servizio all\'utenza.', webAddress: null, indicatorTexts: ['Erogazione del servizio tramite telefono'] });
    expect(result.staff).toBe(16);
    expect(result.doubts).toEqual([]);
    expect(result.channels).toEqual([
      { key: 'phone', kind: 'phone', label: 'Telefono', address: '800 196 196', hours: { weekdays: [1, 2, 3, 4, 5], opens: '09:00', closes: '20:00' } },
      { key: 'email', kind: 'email', label: 'E-mail', address: 'centrodicontatto@lavoro.gov.it', hours: null },
    ]);
  });

  it('reads the hours written before a number when none follow it', () => {
    const result = extractChannels({ deliveryMode: 'Dal lunedì al venerdì dalle 8:30 alle 17 al numero 06 1234567.', characteristics: '', webAddress: null, indicatorTexts: [] });
    expect(result.channels[0]?.hours).toEqual({ weekdays: [1, 2, 3, 4, 5], opens: '08:30', closes: '17:00' });
  });

  it('keeps two phone numbers apart with unique keys', () => {
    const result = extractChannels({ deliveryMode: 'Telefono 06 1234567 oppure numero verde 800 111 222.', characteristics: '', webAddress: null, indicatorTexts: [] });
    expect(result.channels.map((c) => [c.key, c.address])).toEqual([
      ['phone', '06 1234567'],
      ['phone-2', '800 111 222'],
    ]);
  });

  it('reports hours it cannot record instead of guessing', () => {
    const result = extractChannels({ deliveryMode: 'Telefono 06 1234567 dal lunedì al venerdì dalle 9 alle 13 e dalle 14 alle 17.', characteristics: '', webAddress: null, indicatorTexts: [] });
    expect(result.channels[0]?.hours).toBeNull();
    expect(result.doubts).toEqual([expect.stringMatching(/^phone 06 1234567: more than one time range/)]);
  });

  it('reads a web service: web from the address, app and social from the indicators', () => {
    const result = extractChannels({
      deliveryMode: 'On-line dal portale',
      characteristics: 'Un portale.',
      webAddress: { text: 'http://www.cliclavoro.gov.it', href: 'http://www.cliclavoro.gov.it' },
      indicatorTexts: ['Accesso tramite Iclavoro, applicazione per Iphone', 'Pagine su vari social network (facebook, LinkedIn)'],
    });
    expect(result.channels).toEqual([
      { key: 'web', kind: 'web', label: 'Sito web', address: 'http://www.cliclavoro.gov.it', hours: null },
      { key: 'app', kind: 'app', label: 'Applicazione mobile', address: null, hours: null },
      { key: 'social', kind: 'social', label: 'Social network (Facebook, LinkedIn)', address: null, hours: null },
    ]);
    expect(result.staff).toBeNull();
  });

  it('gives an on-line service without an address a web channel with no address', () => {
    expect(extractChannels({ deliveryMode: 'online', characteristics: '', webAddress: null, indicatorTexts: [] }).channels).toEqual([
      { key: 'web', kind: 'web', label: 'Sito web', address: null, hours: null },
    ]);
  });

  it('finds no channel in words that name none', () => {
    expect(extractChannels({ deliveryMode: 'presso gli uffici', characteristics: 'legge 68/1999', webAddress: null, indicatorTexts: ['Politiche Sociali'] })).toEqual({ channels: [], staff: null, doubts: [] });
  });
});
