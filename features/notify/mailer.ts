// The SMTP transport shared by urgent alerts and the weekly digest (nodemailer).
import { readFileSync } from 'node:fs';
import nodemailer, { type SendMailOptions, type Transporter } from 'nodemailer';
import { configRelative, type EmailConfig, type LoadedConfig } from '../../core/config.ts';

export interface Mailer {
  /** Sends one message, retrying what may pass on another try; throws a MailSendError. */
  send(message: SendMailOptions): Promise<{ messageId: string; accepted: string[]; rejected: string[] }>;
  close(): void;
}

/**
 * How a send failed. `transient`: nothing was delivered and another try may work (unreachable
 * server, 4xx). `permanent`: the server refused (5xx, login); only a config or mailbox fix helps.
 * `uncertain`: the server stopped answering, possibly after it took the message, so a retry may
 * deliver it twice: it is not retried at once, only at a later cycle under the same Message-ID.
 */
export type MailFailure = 'transient' | 'permanent' | 'uncertain';

export class MailSendError extends Error {
  override name = 'MailSendError';
  constructor(
    message: string,
    readonly failure: MailFailure,
  ) {
    super(message);
  }
}

interface NodemailerError extends Error {
  code?: string;
  responseCode?: number;
  response?: string;
}

/** A nodemailer error in words for the log and the alert ledger, and whether to try again now. */
export function mailFailure(error: unknown, server: string, timeoutSecs: number): MailSendError {
  const e = error as NodemailerError;
  const reply = e.response ?? e.message;
  if (e.code === 'ETIMEDOUT') return new MailSendError(`the mail server ${server} did not answer within ${timeoutSecs} s`, 'uncertain');
  if (e.code === 'EAUTH') return new MailSendError(`the mail server ${server} refused the login: ${reply}`, 'permanent');
  if (e.code === 'EENVELOPE' || e.code === 'EMESSAGE') {
    const what = e.code === 'EENVELOPE' ? 'the recipients' : 'the message';
    return new MailSendError(`the mail server ${server} refused ${what}: ${reply}`, (e.responseCode ?? 500) < 500 ? 'transient' : 'permanent');
  }
  if (e.code === 'ESOCKET' || e.code === 'ECONNECTION' || e.code === 'EDNS') {
    const cause = /ECONNREFUSED/.test(e.message) ? 'connection refused' : e.message;
    return new MailSendError(`could not reach the mail server ${server} (${cause})`, 'transient');
  }
  return new MailSendError(`sending through ${server} failed: ${e.message}`, e.responseCode && e.responseCode < 500 ? 'transient' : 'permanent');
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
  const server = `${smtp.host}:${smtp.port}`;
  const sendOnce = async (message: SendMailOptions) => {
    try {
      return await transport.sendMail({ from: email.from, ...message });
    } catch (error) {
      throw mailFailure(error, server, smtp.timeoutSecs);
    }
  };
  return {
    async send(message) {
      let info: Awaited<ReturnType<typeof sendOnce>>;
      for (let attempt = 1; ; attempt++) {
        try {
          info = await sendOnce(message);
          break;
        } catch (error) {
          const failure = error as MailSendError;
          if (failure.failure !== 'transient' || attempt >= smtp.attempts) {
            throw attempt > 1 ? new MailSendError(`${failure.message} (${attempt} tries)`, failure.failure) : failure;
          }
          await new Promise((resolve) => setTimeout(resolve, smtp.retryDelaySecs * 1000 * 2 ** (attempt - 1)));
        }
      }
      const addresses = (list: unknown): string[] =>
        Array.isArray(list) ? list.map((a) => (typeof a === 'string' ? a : String((a as { address?: string }).address))) : [];
      return { messageId: String(info.messageId), accepted: addresses(info.accepted), rejected: addresses(info.rejected) };
    },
    close() {
      transport.close();
    },
  };
}
