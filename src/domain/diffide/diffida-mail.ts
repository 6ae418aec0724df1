import type { DiffidaOutcome, DiffidaStep, DiffidaTerms } from './diffida.ts';

/** What the e-mails of a diffida say about it: never the claimant's facts, which stay in the back office. */
export interface DiffidaMailFacts {
  number: string;
  serviceName: string;
  standardText: string | null;
  organo: string;
  organoPec: string | null;
  /** The instant of receipt, as shown to people (local time). */
  receivedLocal: string;
  terms: DiffidaTerms;
}

const OUTCOME_WORDS: Record<DiffidaOutcome, string> = {
  remedied: "accolta: l'amministrazione ha rimosso le cause del mancato rispetto dello standard",
  'partly-remedied': "accolta in parte: l'amministrazione ha rimosso in parte le cause",
  rejected: "non accolta: l'amministrazione ritiene che lo standard sia stato rispettato",
};

const STEP_WORDS: Record<DiffidaStep, string> = {
  acknowledged: 'presa in carico',
  outcome: 'esito registrato',
  closed: 'chiusa',
};

/** Italian dates as people write them: 4 marzo 2027. */
function longDate(date: string): string {
  const months = ['gennaio', 'febbraio', 'marzo', 'aprile', 'maggio', 'giugno', 'luglio', 'agosto', 'settembre', 'ottobre', 'novembre', 'dicembre'];
  const [year, month, day] = date.split('-').map(Number);
  return `${day} ${months[(month ?? 1) - 1]} ${year}`;
}

function organoLine(facts: DiffidaMailFacts): string {
  return `Organo cui è notificata: ${facts.organo}${facts.organoPec === null ? '' : ` (PEC ${facts.organoPec})`}`;
}

/** The claimant's receipt: number, date, organo and PEC, the 90 days, what follows, the window for the ricorso. */
export function composeReceiptMail(facts: DiffidaMailFacts): { subject: string; text: string } {
  return {
    subject: `Diffida ${facts.number} ricevuta — ${facts.serviceName}`,
    text: [
      `La sua diffida (art. 3 d.lgs. 198/2009) è stata registrata con il numero ${facts.number} il ${facts.receivedLocal}.`,
      '',
      `Servizio: ${facts.serviceName}`,
      ...(facts.standardText === null ? [] : [`Standard non rispettato: ${facts.standardText}`]),
      organoLine(facts),
      '',
      `L'amministrazione ha 90 giorni per intervenire: entro il ${longDate(facts.terms.deadline)}.`,
      "Riceverà un messaggio quando la diffida sarà presa in carico e quando sarà registrato l'esito, con le misure adottate.",
      `Se entro quel giorno l'amministrazione non interviene, o interviene solo in parte, dal ${longDate(facts.terms.ricorsoFrom)} al ${longDate(facts.terms.ricorsoUntil)} può proporre ricorso per l'efficienza al giudice amministrativo (art. 3 c.2 d.lgs. 198/2009).`,
      '',
      `Your diffida was registered as ${facts.number}; the administration has until ${facts.terms.deadline} to act. A ricorso per l'efficienza may then be filed from ${facts.terms.ricorsoFrom} to ${facts.terms.ricorsoUntil}.`,
    ].join('\n'),
  };
}

/** The claimant's news of a step: taken in charge, the outcome with the measures taken, closed. */
export function composeStepMail(facts: DiffidaMailFacts, step: DiffidaStep, detail: { outcome: DiffidaOutcome | null; measures: string | null; note: string | null }): { subject: string; text: string } {
  return {
    subject: `Diffida ${facts.number}: ${STEP_WORDS[step]}`,
    text: [
      `La sua diffida ${facts.number} (${facts.serviceName}) è stata ${STEP_WORDS[step]}.`,
      ...(step === 'outcome' && detail.outcome !== null ? ['', `Esito: ${OUTCOME_WORDS[detail.outcome]}.`] : []),
      ...(step === 'outcome' && detail.measures !== null ? ['', 'Misure adottate:', detail.measures] : []),
      ...(detail.note === null ? [] : ['', detail.note]),
      '',
      `Termine per l'intervento: ${longDate(facts.terms.deadline)}. Ricorso per l'efficienza possibile dal ${longDate(facts.terms.ricorsoFrom)} al ${longDate(facts.terms.ricorsoUntil)} se l'amministrazione non è intervenuta o è intervenuta solo in parte.`,
      '',
      `Your diffida ${facts.number}: ${step}.`,
    ].join('\n'),
  };
}

/** The quality office's notice of a new diffida, with where to find it (no personal data in the mail). */
export function composeOfficeNotice(facts: DiffidaMailFacts, queueUrl: string): { subject: string; text: string } {
  return {
    subject: `Nuova diffida ${facts.number} — ${facts.serviceName}`,
    text: [
      `È arrivata la diffida ${facts.number} il ${facts.receivedLocal}.`,
      `Servizio: ${facts.serviceName}`,
      ...(facts.standardText === null ? [] : [`Standard: ${facts.standardText}`]),
      organoLine(facts),
      `Termine per intervenire: ${longDate(facts.terms.deadline)} (90 giorni).`,
      '',
      `La scheda, con i fatti e i contatti del richiedente: ${queueUrl}`,
    ].join('\n'),
  };
}

/** The reminder of the diffide due within N days or overdue. */
export function composeReminder(items: readonly { number: string; serviceName: string; deadline: string; daysLeft: number }[], withinDays: number): { subject: string; text: string } {
  const overdue = items.filter((item) => item.daysLeft < 0).length;
  return {
    subject: `Diffide: ${items.length} in scadenza entro ${withinDays} giorni${overdue === 0 ? '' : `, ${overdue} scadute`}`,
    text: [
      `Diffide senza esito con il termine di 90 giorni entro ${withinDays} giorni o già scaduto:`,
      '',
      ...items.map((item) => `- ${item.number} (${item.serviceName}): termine ${longDate(item.deadline)}, ${item.daysLeft < 0 ? `scaduto da ${-item.daysLeft} giorni` : `${item.daysLeft} giorni rimasti`}`),
    ].join('\n'),
  };
}
