/** Option parsers shared by the CLI commands. */
import { DomainError } from '../core/errors.js';

export function positive(name: string, v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new DomainError('validation_failed', `--${name} は正の整数です / --${name} must be a positive integer`);
  return n;
}

/** Repeatable option: `--domain a --domain b` (variadic options would swallow the paths after them). */
export function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}
