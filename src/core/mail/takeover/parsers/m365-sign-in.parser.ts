/**
 * Microsoft Entra sign-in log CSV: the portal's download (InteractiveSignIns_*.csv: "Date (UTC)",
 * "Username", "IP address", "Location" = "Tokyo, Tokyo, JP", "Status" = Success/Failure/Interrupted)
 * or a flattened Graph export (createdDateTime, userPrincipalName, ipAddress,
 * location.countryOrRegion, status.errorCode with 0 = success). docs/mail-logs.md lists the columns.
 */
import { normaliseAccount, type LoginEvent, type LogRef } from '../log-events.js';
import { Columns, parseUtcTime, type Row } from './csv-columns.js';

const ALIASES = {
  time: ['Date (UTC)', 'Date', 'createdDateTime', 'CreatedDateTime', 'Sign-in time'],
  user: ['Username', 'User principal name', 'userPrincipalName', 'UserPrincipalName', 'Sign-in identifier'],
  ip: ['IP address', 'ipAddress', 'IPAddress', 'Client IP'],
  location: ['Location'],
  country: ['location.countryOrRegion', 'Location.CountryOrRegion', 'countryOrRegion', 'Country'],
  status: ['Status', 'status.errorCode', 'Status.ErrorCode', 'errorCode', 'Sign-in error code', 'ResultType'],
  reason: ['Failure reason', 'status.failureReason', 'Status.FailureReason'],
  app: ['Application', 'appDisplayName', 'AppDisplayName', 'Client app', 'clientAppUsed'],
} as const;
type Field = keyof typeof ALIASES;
export const SIGN_IN_REQUIRED: readonly Field[] = ['time', 'user', 'ip', 'status'];

export class M365SignInParser {
  private readonly cols: Columns<Field>;

  constructor(header: readonly string[]) {
    this.cols = new Columns(header, ALIASES);
  }

  static accepts(header: readonly string[]): boolean {
    const c = new Columns(header, ALIASES);
    return c.missing(SIGN_IN_REQUIRED).length === 0 && (c.has('location') || c.has('country') || c.has('app'));
  }

  /** Returns the event, or a reason naming the column that could not be read. */
  row(row: Row, ref: LogRef, defaultDomain: string | null): LoginEvent | string {
    const at = parseUtcTime(this.cols.get(row, 'time'));
    if (at === null) return '日時を読めません / unreadable Date (UTC)';
    const user = this.cols.get(row, 'user');
    if (!user) return 'ユーザー名がありません / empty Username';
    const statusText = this.cols.get(row, 'status');
    const success = /^(success|0)$/i.test(statusText);
    if (!success && !/^(failure|interrupted|\d+)$/i.test(statusText)) return '状態を読めません / unreadable Status';
    const country = this.cols.get(row, 'country') || (/,\s*([A-Z]{2})$/.exec(this.cols.get(row, 'location'))?.[1] ?? '');
    const ip = this.cols.get(row, 'ip');
    return {
      kind: 'login',
      at,
      account: normaliseAccount(user, defaultDomain),
      ip: ip || null,
      success,
      protocol: 'm365',
      country: /^[A-Z]{2}$/i.test(country) ? country.toUpperCase() : null,
      detail: [this.cols.get(row, 'app'), success ? '' : this.cols.get(row, 'reason') || statusText].filter(Boolean).join(' / '),
      ref,
    };
  }
}
