import type { privacyIt } from './privacy-it.ts';

/** English text of the privacy notice (GDPR art. 13) at /en/privacy. */
export const privacyEn: typeof privacyIt = {
  title: 'Privacy notice',
  heading: 'How we process personal data',
  intro: 'Under article 13 of Regulation (EU) 2016/679 (GDPR), this page explains which personal data this site processes, why, for how long, and what your rights are.',
  controllerTitle: 'Data controller',
  controllerMissing: 'The administration that publishes this site (its details have not yet been given on this page).',
  contactEmail: 'E-mail',
  contactPec: 'Certified e-mail (PEC)',
  dpoTitle: 'Data protection officer (DPO)',
  dpoContact: 'You can write to the data protection officer at',
  dpoMissing: 'The data protection officer’s contact has not yet been given on this page: please write to the controller.',
  purposesTitle: 'Purposes and legal basis',
  purposes: [
    'Publishing the quality standards of the services and the measured results (art. 32 of d.lgs. 33/2013; CIVIT resolutions 88/2010 and 3/2012): no personal data are published.',
    'Keeping the site secure and working, through the server logs.',
    'Letting authorised staff sign in to the back office, and recording what they do.',
    'Receiving and handling diffide about standards not met (art. 3 of d.lgs. 198/2009), answering those who send them and allowing a ricorso per l’efficienza.',
  ],
  legalBasis:
    'The legal basis is the performance of a task carried out in the public interest or in the exercise of official authority vested in the controller (GDPR art. 6(1)(e)) and, for diffide, compliance with the obligations of d.lgs. 198/2009 (art. 6(1)(c)). The consent box of the diffida form confirms that you have read this notice.',
  dataTitle: 'What we process',
  dataLogs: 'Server logs: IP address, date and time, the address of the page requested and the outcome of the request. We use no profiling cookies and no tracking tools.',
  dataAccounts: 'Back-office accounts: the staff member’s e-mail address and role, the password stored only as a hash, sessions and the audit log; a technical cookie keeps the session.',
  dataDiffide: 'Diffide: name, e-mail address, the service and standard chosen and the facts described, with the date received and the steps taken. The form uses a technical cookie against requests forged on your behalf (CSRF).',
  dataSatisfaction: 'Votes on the services (“Mettiamoci la faccia”): the face, the channel and the optional reason. The IP address is not kept: only a fingerprint of it, keyed with a key that changes every day and is then deleted, to count one vote a day per service and channel; after that no one can tell who voted. The reason is not published; the quality office, the administrators and the OIV read it, and it is erased after a year (the vote stays, without it). The form uses no cookie.',
  dataRequired: 'A name, an e-mail address and the facts are needed to register a diffida and answer it: without them the form cannot register it, but it can still be sent to the body named, also by PEC.',
  retentionTitle: 'How long we keep them',
  retentionLogs: (days: number) => `Server logs: ${days} days.`,
  retentionDiffide: (years: number) => `Diffide and the details of those who send them: ${years} years from receipt, unless they are needed longer for a ricorso or proceedings under way.`,
  retentionSatisfaction: 'Votes on the services: the counts are published without personal data; the reasons stay in the back office until the administration deletes them.',
  retentionAccounts: 'Back-office accounts: while the account is active; the audit log is kept as a record of the administration’s work.',
  recipientsTitle: 'Who receives the data',
  recipients: [
    'Authorised staff of the quality office and the system administrators; the body the diffida is served on.',
    'The independent evaluation body (OIV) sees the list of diffide without the personal data of those who sent them.',
    'Hosting and e-mail providers acting on the controller’s behalf, as processors (GDPR art. 28).',
    'Personal data are never published: not on the pages, the API or the open data.',
  ],
  rightsTitle: 'Your rights',
  rights:
    'You may at any time ask for access to your data, rectification, erasure where the law allows, restriction of processing, and object to processing (GDPR articles 15–22), by writing to the controller or to the data protection officer.',
  complaintTitle: 'Complaints',
  complaint: 'If you believe the processing breaks the GDPR, you may lodge a complaint with the Italian data protection authority, the Garante per la protezione dei dati personali (GDPR art. 77),',
  complaintSite: 'www.garanteprivacy.it',
  complaintCourt: 'or go to court (GDPR art. 79).',
};
