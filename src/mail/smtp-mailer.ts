import type { MailMessage, MailTransport } from '../actions/mail-outbox.ts';
import type { Transporter } from 'nodemailer';
import type { SmtpConfig } from '../config/config.ts';

/**
 * Mail through an SMTP server with nodemailer, loaded on the first mail (a command that sends none does not pay for
 * it). Short timeouts: a mail that cannot go out is logged, and nothing waits long for it.
 */
export function createSmtpTransport(config: SmtpConfig): MailTransport {
  let transporter: Promise<Transporter> | undefined;
  const open = async () => {
    const nodemailer = (await import('nodemailer')).default;
    return nodemailer.createTransport({
      host: config.host,
      port: config.port,
      secure: config.secure,
      ...(config.user === null ? {} : { auth: { user: config.user, pass: config.password ?? '' } }),
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 20_000,
    });
  };
  return {
    send: async (message: MailMessage) => {
      transporter ??= open();
      await (await transporter).sendMail({ from: config.from, to: [...message.to], subject: message.subject, text: message.text });
    },
  };
}
