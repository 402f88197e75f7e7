/**
 * What the mail analysis knows about one message. The service extracts it from the raw bytes
 * (postal-mime, zip/OLE inspection, mailauth); the signals only read it, so they stay pure.
 */

export type AttachmentFlag = 'macro' | 'encrypted_archive' | 'huge_declared_size' | 'nested_archive' | 'unreadable';

export interface AttachmentFacts {
  filename: string;
  sha256: string;
  size: number;
  /** Findings from inspecting the bytes: macro, encrypted archive, padded archive … */
  flags: AttachmentFlag[];
}

export type AuthStatus = 'pass' | 'fail' | 'softfail' | 'neutral' | 'none' | 'temperror' | 'permerror' | 'policy';

/** SPF/DKIM/DMARC/ARC outcome, from mailauth or from the hospital MTA's Authentication-Results. */
export interface AuthFacts {
  source: 'mailauth' | 'mta_header';
  /** authserv-id of the header the result came from (mta_header only). */
  authservId: string | null;
  spf: AuthStatus | null;
  dkim: AuthStatus | null;
  dmarc: AuthStatus | null;
  arc: AuthStatus | null;
}

export interface MessageFacts {
  messageId: string | null;
  /** Epoch ms from the Date header, null when missing. */
  at: number | null;
  fromName: string;
  fromAddress: string;
  replyTo: string[];
  recipients: string[];
  subject: string;
  /** Message-IDs from In-Reply-To and References. */
  inReplyTo: string[];
  text: string;
  links: Array<{ text: string; href: string }>;
  attachments: AttachmentFacts[];
  auth: AuthFacts | null;
}

type Split = Readonly<{ fresh: string; quoted: string }>;
// Several signals (and the thread index) split the same body in turn: the last split is reused.
let lastSplit: { text: string; result: Split } | null = null;

/** Lines the sender wrote vs lines quoted from earlier mail ("> …", "-----Original Message-----"). */
export function splitQuoted(text: string): Split {
  if (lastSplit?.text === text) return lastSplit.result;
  const result = splitLines(text);
  lastSplit = { text, result };
  return result;
}

function splitLines(text: string): Split {
  const fresh: string[] = [];
  const quoted: string[] = [];
  let inOriginal = false;
  for (const line of text.split(/\r?\n/)) {
    if (/^-{3,}\s*(original message|元のメッセージ|転送されたメッセージ|forwarded message)/i.test(line.trim()) || /^(On .+ wrote:|.+(さん|様)が書きました[:：]?)$/.test(line.trim())) inOriginal = true;
    if (inOriginal || /^\s*>/.test(line)) quoted.push(line.replace(/^(\s*>)+\s?/, ''));
    else fresh.push(line);
  }
  return { fresh: fresh.join('\n'), quoted: quoted.join('\n') };
}

/** Share of Latin letters among letters (a–z vs kana/kanji); 0 for text without letters. */
export function latinShare(text: string): number {
  const latin = (text.match(/[A-Za-z]/g) ?? []).length;
  const jp = (text.match(/[\u3040-\u30ff\u4e00-\u9fff]/g) ?? []).length;
  return latin + jp === 0 ? 0 : latin / (latin + jp);
}

export function domainOf(address: string): string {
  return address.slice(address.lastIndexOf('@') + 1).toLowerCase();
}

export function inDomains(domain: string, domains: readonly string[]): boolean {
  return domains.some((d) => domain === d || domain.endsWith(`.${d}`));
}
