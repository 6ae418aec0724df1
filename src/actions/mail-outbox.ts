/** One e-mail, plain text. */
export interface MailMessage {
  to: readonly string[];
  subject: string;
  text: string;
}

/** What delivers mail (src/mail/smtp-mailer.ts); rejects when the server refuses or cannot be reached. */
export interface MailTransport {
  send(message: MailMessage): Promise<void>;
}

/**
 * Where actions hand e-mails. Sending never fails the action that asked for it: the citizen's diffida is registered
 * whether or not the mail goes out. Without a transport (no SMTP settings) each mail is logged as not sent.
 */
export interface MailOutbox {
  /** Sends in the background; `what` names the mail in the log (never the addresses: they are personal data). */
  post(message: MailMessage, what: string): void;
  /** Sends now; resolves to whether the mail went out. */
  sendNow(message: MailMessage, what: string): Promise<boolean>;
  /** Resolves when every mail posted so far has been sent or given up. */
  settled(): Promise<void>;
}

export function createMailOutbox(transport: MailTransport | null, log: (line: string) => void): MailOutbox {
  const pending = new Set<Promise<boolean>>();
  const sendNow = async (message: MailMessage, what: string): Promise<boolean> => {
    if (message.to.length === 0) {
      log(`e-mail not sent (no recipient): ${what}`);
      return false;
    }
    if (transport === null) {
      log(`e-mail not sent (no SMTP settings, see MISURA_SMTP_HOST): ${what}`);
      return false;
    }
    try {
      await transport.send(message);
      return true;
    } catch (error) {
      log(`e-mail not sent: ${what}: ${error instanceof Error ? error.message : String(error)}`);
      return false;
    }
  };
  return {
    sendNow,
    post: (message, what) => {
      const sending = sendNow(message, what);
      pending.add(sending);
      void sending.finally(() => pending.delete(sending));
    },
    settled: async () => {
      while (pending.size > 0) await Promise.all([...pending]);
    },
  };
}
