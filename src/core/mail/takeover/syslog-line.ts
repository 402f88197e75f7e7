/**
 * Splits a syslog line into time, program and message. Classic BSD syslog stamps ("Nov 23
 * 02:46:33") carry neither year nor zone: the caller states both (the log's year, the server's UTC
 * offset — JST for a Japanese hospital), and a month that goes backwards (Dec → Jan) starts the next
 * year. RFC 3339 stamps (rsyslog high precision) and Dovecot's own log file (no host) also parse.
 */
/** Month names as classic syslog writes them ("Nov 23 02:46:33"). */
export const SYSLOG_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

/** 0–11 for a syslog month name (any case), -1 otherwise. */
export function syslogMonth(name: string): number {
  return SYSLOG_MONTHS.findIndex((m) => m.toLowerCase() === name.toLowerCase());
}

const BSD = /^([A-Z][a-z]{2}) {1,2}(\d{1,2}) (\d{2}):(\d{2}):(\d{2})(?:\.\d+)? +(.*)$/;
const ISO = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}:\d{2})(\.\d+)?(Z|[+-]\d{2}:?\d{2})? +(.*)$/;
/** "host postfix/smtpd[123]: msg". */
const PROGRAM = /^(\S+) +([A-Za-z][\w./-]*)(?:\[\d+\])?: +(.*)$/;

export interface SyslogLine {
  at: number;
  /** Everything after the time stamp (host, program, message). */
  rest: string;
  /** "postfix/smtpd", "dovecot/imap-login"; '' when the line has no "program:" part. */
  program: string;
  message: string;
}

export class SyslogClock {
  private year: number;
  private lastMonth = -1;

  /** offsetMinutes: the log's local offset from UTC (JST = 540). */
  constructor(
    year: number,
    private readonly offsetMinutes: number,
  ) {
    this.year = year;
  }

  parse(line: string): SyslogLine | null {
    let at: number;
    let rest: string;
    const bsd = BSD.exec(line);
    if (bsd) {
      const month = syslogMonth(bsd[1] ?? '');
      if (month < 0) return null;
      if (this.lastMonth >= 0 && month < this.lastMonth - 6) this.year += 1;
      this.lastMonth = month;
      at = Date.UTC(this.year, month, Number(bsd[2]), Number(bsd[3]), Number(bsd[4]), Number(bsd[5])) - this.offsetMinutes * 60_000;
      rest = bsd[6] ?? '';
    } else {
      const iso = ISO.exec(line);
      if (!iso) return null;
      const zone = iso[4] ?? offsetText(this.offsetMinutes);
      at = Date.parse(`${iso[1]}T${iso[2]}${(iso[3] ?? '').slice(0, 4)}${zone.length === 5 ? `${zone.slice(0, 3)}:${zone.slice(3)}` : zone}`);
      if (Number.isNaN(at)) return null;
      rest = iso[5] ?? '';
    }
    const p = PROGRAM.exec(rest);
    return { at, rest, program: p?.[2] ?? '', message: p?.[3] ?? '' };
  }
}

function offsetText(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const m = Math.abs(minutes);
  return `${sign}${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}
