/** The "Servizi erogati" section of Amministrazione trasparente, and its sub-sections, as d.lgs. 33/2013 names them. */
export const AMMINISTRAZIONE_TRASPARENTE = '/amministrazione-trasparente';
export const SERVIZI_EROGATI = `${AMMINISTRAZIONE_TRASPARENTE}/servizi-erogati`;
export const CARTA_DEI_SERVIZI = `${SERVIZI_EROGATI}/carta-dei-servizi-e-standard-di-qualita`;
export const CLASS_ACTION = `${SERVIZI_EROGATI}/class-action`;
/** Its open dataset: every ricorso and publication as CSV. */
export const CLASS_ACTION_CSV = `${CLASS_ACTION}.csv`;
export const SERVIZI_IN_RETE = `${SERVIZI_EROGATI}/servizi-in-rete`;
export const COSTI_CONTABILIZZATI = `${SERVIZI_EROGATI}/costi-contabilizzati`;
