import { DomainError } from '../core/errors.js';

/** A `--from`/`--since` style day argument: YYYY-MM-DD (JST) or absent. */
export function checkDay(value: string | undefined): string | undefined {
  if (value !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(value)) throw new DomainError('validation_failed', `日付は YYYY-MM-DD で指定してください / dates are YYYY-MM-DD: ${value}`);
  return value;
}
