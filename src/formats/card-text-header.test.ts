import { describe, expect, it } from 'vitest';
import { readCardHeader } from './card-text-header.ts';

const lines = (texts: string[]) => texts.map((text, index) => ({ number: index + 1, text }));

describe('readCardHeader on a Comune service page of the Designers Italia model', () => {
  it('reads the service from "Puoi accedere a … tramite il servizio online", with a doubt', () => {
    const header = readCardHeader(lines(['Ultimo aggiornamento', 'Musei del Comune di Genova.', 'Puoi accedere a Visite guidate ai Musei tramite il servizio online.']), 'pagina.txt');
    expect(header.fields.name?.parts).toEqual(['Visite guidate ai Musei']);
    expect(header.doubts).toContainEqual(expect.objectContaining({ field: 'name', line: 3 }));
  });

  it('does not read a long sentence that starts with an office word as the office', () => {
    const header = readCardHeader(lines(['Servizio onlinePer conoscere i dettagli di scadenze, requisiti e altre informazioni importanti, leggi i termini e le condizioni di servizio.']), 'pagina.txt');
    expect(header.office).toBeNull();
    expect(readCardHeader(lines(['Servizio Qualità e Controllo di gestione']), 'pagina.txt').office).toBe('Servizio Qualità e Controllo di gestione');
  });

  it('skips the page\'s skip link and reads the service above "A chi è rivolto"', () => {
    const header = readCardHeader(lines(['Salta al contenuto principale', 'Carta dei servizi Demografici', 'Variazione Residenza', 'A chi è rivolto', 'Ai cittadini residenti.']), 'pagina.txt');
    expect(header.organisation).toBeNull();
    expect(header.fields.name?.parts).toEqual(['Variazione Residenza']);
    expect(header.fields.userTypes?.parts).toEqual(['Ai cittadini residenti.']);
  });
});
