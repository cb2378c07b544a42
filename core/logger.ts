import pino, { type Logger } from 'pino';
import pretty from 'pino-pretty';

export interface LoggerOptions {
  /**
   * One readable line per record (time, level, message, request fields) instead of JSON, for a
   * person at a terminal (the demo). Services keep JSON, which log collectors parse.
   */
  readable?: boolean;
}

/** Logs go to stderr so stdout stays clean for data (classify, --json). */
export function createLogger(level = process.env.LOG_LEVEL ?? 'info', { readable = false }: LoggerOptions = {}): Logger {
  if (!readable) return pino({ level }, pino.destination(2));
  const stream = pretty({
    destination: 2,
    sync: true,
    colorize: Boolean(process.stderr.isTTY),
    translateTime: 'SYS:HH:MM:ss',
    ignore: 'pid,hostname',
    singleLine: true,
  });
  return pino({ level }, stream);
}
