import nodemailer, { type Transporter } from 'nodemailer';

export type MailTransport = Transporter;

/** A nodemailer transport for an smtp:// or smtps:// URL (the embedded inbox, Mailpit, or a council relay). */
export function createMailTransport(smtpUrl: string): MailTransport {
  return nodemailer.createTransport(smtpUrl);
}

/** Whether the SMTP server answers and accepts our greeting; for the health endpoint. */
export async function checkMailTransport(transport: MailTransport): Promise<void> {
  await transport.verify();
}
