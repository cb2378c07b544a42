import pino, { type Logger } from 'pino';

/** Logs go to stderr so stdout stays clean for data (classify, --json). */
export function createLogger(level = process.env.LOG_LEVEL ?? 'info'): Logger {
  return pino({ level }, pino.destination(2));
}
