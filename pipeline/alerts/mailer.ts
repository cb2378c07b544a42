// The SMTP transport shared by urgent alerts and the weekly digest (nodemailer).
import { readFileSync } from 'node:fs';
import nodemailer, { type SendMailOptions, type Transporter } from 'nodemailer';
import { configRelative, type EmailConfig, type LoadedConfig } from '../../core/config.ts';

export interface Mailer {
  send(message: SendMailOptions): Promise<{ messageId: string; accepted: string[]; rejected: string[] }>;
  close(): void;
}

/** A problem the operator must fix in the config or environment (printed without a stack). */
export class MailConfigError extends Error {
  readonly userFacing = true;
  override name = 'MailConfigError';
}

function password(auth: NonNullable<EmailConfig['smtp']['auth']>): string {
  if (auth.pass !== undefined) return auth.pass;
  const value = process.env[auth.passEnv!];
  if (!value) throw new MailConfigError(`email.smtp.auth.passEnv: environment variable ${auth.passEnv} is not set`);
  return value;
}

export function createMailer(email: EmailConfig, config: Pick<LoadedConfig, 'baseDir'>): Mailer {
  const { smtp } = email;
  let ca: string | undefined;
  if (smtp.tls.caFile) {
    const path = configRelative(config, smtp.tls.caFile);
    try {
      ca = readFileSync(path, 'utf8');
    } catch (error) {
      throw new MailConfigError(`email.smtp.tls.caFile: cannot read ${path}: ${(error as Error).message}`);
    }
  }
  const timeout = smtp.timeoutSecs * 1000;
  const transport: Transporter = nodemailer.createTransport({
    host: smtp.host,
    port: smtp.port,
    secure: smtp.secure,
    requireTLS: smtp.requireTLS,
    auth: smtp.auth ? { user: smtp.auth.user, pass: password(smtp.auth) } : undefined,
    tls: { rejectUnauthorized: smtp.tls.rejectUnauthorized, ...(ca ? { ca } : {}) },
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout,
  });
  return {
    async send(message) {
      const info = await transport.sendMail({ from: email.from, ...message });
      const addresses = (list: unknown): string[] =>
        Array.isArray(list) ? list.map((a) => (typeof a === 'string' ? a : String((a as { address?: string }).address))) : [];
      return { messageId: String(info.messageId), accepted: addresses(info.accepted), rejected: addresses(info.rejected) };
    },
    close() {
      transport.close();
    },
  };
}
