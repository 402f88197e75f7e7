/**
 * The house logger: pino writing JSON lines, with every logged object and message passed through
 * the redactor first. Use this, never `console`, outside CLI output (lint-enforced).
 */
import { pino, type DestinationStream, type Logger as PinoLogger } from 'pino';
import { redactText, redactValue } from '../core/redact.js';

export type Logger = PinoLogger;
export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'silent';

export function createLogger(level: LogLevel, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { app: 'mamori' },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: {
        log: (object) => redactValue(object) as Record<string, unknown>,
      },
      serializers: {
        err: (error: unknown) => redactValue(error),
      },
      hooks: {
        logMethod(args, method) {
          const scrubbed = args.map((a) => (typeof a === 'string' ? redactText(a) : a));
          method.apply(this, scrubbed as Parameters<typeof method>);
        },
      },
    },
    destination,
  );
}
