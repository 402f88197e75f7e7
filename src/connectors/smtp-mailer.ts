import nodemailer from 'nodemailer';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
}

/** The one function services need from a mail server. */
export interface Mailer {
  send(mail: OutgoingMail): Promise<void>;
}

/**
 * SMTP through the hospital's own relay (configured URL, e.g. smtp://relay.hospital.local:25).
 * No pooling or retries here: the job that calls it records each outcome per recipient.
 */
export function createSmtpMailer(url: string, from: string): Mailer {
  const transport = nodemailer.createTransport(url);
  return {
    async send(mail) {
      await transport.sendMail({ from, to: mail.to, subject: mail.subject, text: mail.text, textEncoding: 'base64' });
    },
  };
}
