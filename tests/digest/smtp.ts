// A real SMTP server on 127.0.0.1 for the e-mail tests: every message it accepts is parsed with
// mailparser and kept with its envelope.
import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  from: string;
  to: string[];
  /** The authenticated user, when the client logged in. */
  user?: string;
  /** Whether the session ran over TLS (STARTTLS or implicit). */
  secure: boolean;
  raw: Buffer;
  parsed: ParsedMail;
}

export interface TestSmtp {
  port: number;
  messages: ReceivedMail[];
  /** Raw messages the server took but never confirmed (see `hangData`). */
  unconfirmed: Buffer[];
  /** SMTP sessions opened so far. */
  sessions: number;
  /** Resolves once `count` messages arrived (rejects after `timeoutMs`). */
  waitFor(count: number, timeoutMs?: number): Promise<ReceivedMail[]>;
  close(): Promise<void>;
}

export interface TestSmtpOptions {
  /** Require AUTH with these credentials (PLAIN/LOGIN over the clear connection, test only). */
  auth?: { user: string; pass: string };
  /** Offer STARTTLS (with smtp-server's built-in self-signed certificate). Default: plain only. */
  startTls?: boolean;
  /** Reject these recipients with 550. */
  rejectRecipients?: string[];
  /** Answer DATA with a failure this many times. */
  failData?: number;
  /** The reply code of those failures (default 451, temporary). */
  failDataCode?: number;
  /** Take the message but never answer DATA this many times (the client times out). */
  hangData?: number;
  /** Listen on this port (default: a free one). */
  port?: number;
}

export async function startTestSmtp(options: TestSmtpOptions = {}): Promise<TestSmtp> {
  const messages: ReceivedMail[] = [];
  const waiters: Array<() => void> = [];
  const unconfirmed: Buffer[] = [];
  let failures = options.failData ?? 0;
  let hangs = options.hangData ?? 0;
  let sessions = 0;
  const server = new SMTPServer({
    onConnect(_session, callback) {
      sessions++;
      callback();
    },
    secure: false,
    logger: false,
    authOptional: !options.auth,
    allowInsecureAuth: true,
    hideSTARTTLS: !options.startTls,
    disabledCommands: options.startTls ? [] : ['STARTTLS'],
    onAuth(auth, _session, callback) {
      if (options.auth && auth.username === options.auth.user && auth.password === options.auth.pass) {
        callback(null, { user: auth.username });
      } else {
        callback(new Error('Invalid username or password'));
      }
    },
    onRcptTo(address, _session, callback) {
      if (options.rejectRecipients?.includes(address.address)) {
        callback(Object.assign(new Error(`no mailbox ${address.address}`), { responseCode: 550 }));
      } else callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks);
        if (hangs > 0) {
          hangs--;
          unconfirmed.push(raw);
          return;
        }
        if (failures > 0) {
          failures--;
          const code = options.failDataCode ?? 451;
          callback(Object.assign(new Error(code < 500 ? 'try again later' : 'message refused'), { responseCode: code }));
          return;
        }
        simpleParser(raw, { keepCidLinks: true })
          .then((parsed) => {
            messages.push({
              from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
              to: session.envelope.rcptTo.map((r) => r.address),
              user: session.user as string | undefined,
              secure: session.secure,
              raw,
              parsed,
            });
            waiters.splice(0).forEach((wake) => wake());
            callback();
          })
          .catch((error: Error) => callback(error));
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    messages,
    unconfirmed,
    get sessions() {
      return sessions;
    },
    async waitFor(count, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (messages.length < count) {
        if (Date.now() > deadline) throw new Error(`expected ${count} message(s), got ${messages.length}`);
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, 100);
        });
      }
      return messages.slice(0, count);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
