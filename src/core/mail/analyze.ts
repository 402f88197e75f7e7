/**
 * Mail threat analysis of one message from facts extracted by the service (headers, text, links,
 * attachment findings). Each signal has a stable code, a Japanese explanation and a weight; the
 * verdict is 危険 (≥ 60), 注意 (≥ 25) or 安全. The display-name rule is the one widespread filters
 * miss: a staff member's plain name ("山田 太郎") in front of an outside address.
 */
import { normName } from '../ehr/identity.js';

export interface StaffEntry {
  name: string;
  nameKana: string;
  nameRomaji: string;
  email: string;
  department: string;
}

export interface AttachmentFacts {
  filename: string;
  sha256: string;
  size: number;
  /** Findings from inspecting the bytes (service): macro, encrypted archive, padded archive … */
  flags: Array<'macro' | 'encrypted_archive' | 'huge_declared_size' | 'nested_archive' | 'unreadable'>;
}

export interface MessageFacts {
  messageId: string | null;
  fromName: string;
  fromAddress: string;
  replyTo: string[];
  recipients: string[];
  subject: string;
  inReplyTo: string[];
  text: string;
  links: Array<{ text: string; href: string }>;
  attachments: AttachmentFacts[];
  authenticationResults: string;
}

export interface AnalysisContext {
  staff: readonly StaffEntry[];
  hospitalDomains: readonly string[];
  /** Message-ID → participant addresses of threads the hospital took part in. */
  threads: ReadonlyMap<string, ReadonlySet<string>>;
}

export interface Reason {
  code: string;
  text: string;
  weight: number;
}

export interface Analysis {
  verdict: '安全' | '注意' | '危険';
  score: number;
  reasons: Reason[];
  indicators: { sender: string; domains: string[]; urls: string[]; attachments: Array<{ filename: string; sha256: string }> };
}

const DANGEROUS_EXT = /\.(exe|scr|com|pif|js|jse|vbs|vbe|wsf|wsh|hta|bat|cmd|ps1|lnk|iso|img|vhd|vhdx|one|msi|jar|cpl)$/i;
const MACRO_EXT = /\.(docm|xlsm|pptm|xlsb|dotm|xltm)$/i;
const REPLY_SUBJECT = /^\s*(re|fw|fwd|返信|転送)\s*[:：]/i;

function domainOf(address: string): string {
  return address.slice(address.lastIndexOf('@') + 1).toLowerCase();
}

function inDomains(domain: string, domains: readonly string[]): boolean {
  return domains.some((d) => domain === d || domain.endsWith(`.${d}`));
}

/** Levenshtein distance, for look-alike domains (hospital.jp vs hosp1tal.jp). */
export function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i += 1) {
    let diag = prev[0] ?? 0;
    prev[0] = i;
    for (let j = 1; j <= b.length; j += 1) {
      const tmp = prev[j] ?? 0;
      prev[j] = Math.min((prev[j] ?? 0) + 1, (prev[j - 1] ?? 0) + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length] ?? 0;
}

const HOMOGLYPHS: Readonly<Record<string, string>> = { '0': 'o', '1': 'l', rn: 'm', vv: 'w', '5': 's' };

function skeleton(domain: string): string {
  let d = domain.toLowerCase();
  for (const [k, v] of Object.entries(HOMOGLYPHS)) d = d.split(k).join(v);
  return d.replace(/i/g, 'l');
}

function lookalike(domain: string, own: readonly string[]): string | null {
  for (const d of own) {
    if (domain === d || domain.endsWith(`.${d}`)) return null;
    const label = d.split('.')[0] ?? d;
    if (editDistance(domain, d) <= 2 || skeleton(domain) === skeleton(d) || (label.length >= 5 && domain.includes(label))) return d;
  }
  return null;
}

function hostOf(url: string): string | null {
  try {
    return new URL(url).hostname.toLowerCase();
  } catch {
    return null;
  }
}

/** Share of Latin letters among letters (kana/kanji vs a–z). */
function latinShare(text: string): number {
  const latin = (text.match(/[A-Za-z]/g) ?? []).length;
  const jp = (text.match(/[\u3040-\u30ff\u4e00-\u9fff]/g) ?? []).length;
  return latin + jp === 0 ? 0 : latin / (latin + jp);
}

export function analyzeMessage(m: MessageFacts, ctx: AnalysisContext): Analysis {
  const reasons: Reason[] = [];
  const add = (code: string, text: string, weight: number) => reasons.push({ code, text, weight });
  const fromDomain = domainOf(m.fromAddress);
  const own = ctx.hospitalDomains.map((d) => d.toLowerCase());
  const external = !inDomains(fromDomain, own);

  // 1. A staff member's name in front of an outside address.
  const display = normName(m.fromName).toLowerCase();
  if (display && external) {
    const hit = ctx.staff.find((s) => [s.name, s.nameKana, s.nameRomaji].some((n) => n && normName(n).toLowerCase() === display));
    if (hit) add('display_name_staff', `差出人名が職員「${hit.name}」（${hit.department}）と一致しますが、アドレスは院外（${fromDomain}）です`, 45);
  }
  // 2. Look-alike of the hospital's domains.
  const like = lookalike(fromDomain, own);
  if (like) add('lookalike_domain', `差出人ドメイン ${fromDomain} は当院のドメイン ${like} に似せています`, 40);
  for (const r of m.replyTo) {
    const d = domainOf(r);
    if (d !== fromDomain && !inDomains(d, own)) add('reply_to_mismatch', `返信先（${r}）が差出人と異なる院外のアドレスです`, 10);
  }
  // 3. Reply-chain hijack.
  const isReply = REPLY_SUBJECT.test(m.subject);
  const cited = m.inReplyTo.filter((id) => ctx.threads.has(id));
  if (cited.length > 0) {
    const participants = new Set(cited.flatMap((id) => [...(ctx.threads.get(id) ?? [])]));
    if (!participants.has(m.fromAddress.toLowerCase())) add('reply_hijack', '当院が参加したスレッドへの返信ですが、差出人はそのスレッドの参加者ではありません（返信の乗っ取りの疑い）', 45);
  } else if (isReply && m.inReplyTo.length === 0 && external) {
    add('fake_reply', '件名は返信ですが、返信元のメッセージIDがありません', 10);
  }
  // 4. Language switch: a Latin new text over a Japanese thread.
  const [fresh = '', ...quoted] = m.text.split(/\n(?=>|-----Original Message-----|-------- Original Message)/);
  if (isReply && latinShare(fresh) > 0.8 && fresh.replace(/\s/g, '').length > 20 && (latinShare(quoted.join('\n') + m.subject) < 0.5 || /[\u3040-\u30ff\u4e00-\u9fff]/.test(m.subject))) {
    add('language_switch', '日本語のやり取りへの返信なのに、本文が英語など外国語です', 20);
  }
  // 5. Attachments.
  for (const a of m.attachments) {
    if (DANGEROUS_EXT.test(a.filename)) add('dangerous_attachment', `実行形式・ショートカット・ディスクイメージ等の添付（${a.filename}）`, 55);
    if (MACRO_EXT.test(a.filename) || a.flags.includes('macro')) add('macro_attachment', `マクロを含むOffice文書（${a.filename}）`, 40);
    if (a.flags.includes('encrypted_archive')) {
      const password = /(パスワード|password|PW|pass)\s*[:：は]?\s*\S{3,}/i.test(m.text);
      add('encrypted_archive', `パスワード付きの圧縮ファイル（${a.filename}）${password ? '。本文にパスワードが書かれています' : ''}`, password ? 40 : 25);
    }
    if (a.flags.includes('huge_declared_size')) add('padded_archive', `展開後のサイズが異常に大きい圧縮ファイル（${a.filename}）：検査回避の水増しの疑い`, 35);
    if (a.flags.includes('nested_archive')) add('nested_archive', `圧縮ファイルの中に圧縮ファイル（${a.filename}）`, 10);
    if (a.flags.includes('unreadable')) add('unreadable_attachment', `中身を検査できない添付（${a.filename}）：壊れているか細工されています`, 15);
  }
  // 6. Links.
  for (const l of m.links) {
    const host = hostOf(l.href);
    if (!host) continue;
    const shown = /^https?:\/\//i.test(l.text.trim()) ? hostOf(l.text.trim()) : null;
    if (shown && shown !== host) add('link_mismatch', `表示されたURL（${shown}）と実際のリンク先（${host}）が異なります`, 25);
    if (/^\d{1,3}(\.\d{1,3}){3}$/.test(host)) add('ip_link', `IPアドレスへのリンク（${host}）`, 20);
    const linkLike = lookalike(host, own);
    if (linkLike) add('lookalike_link', `当院のドメイン ${linkLike} に似せたリンク先（${host}）`, 30);
  }
  // 7. The hospital MTA's own verdict.
  const ar = m.authenticationResults.toLowerCase();
  if (/dmarc=fail/.test(ar)) add('dmarc_fail', 'DMARC認証に失敗しています（受信サーバーの判定）', 30);
  else if (/spf=(fail|softfail)/.test(ar)) add('spf_fail', 'SPF認証に失敗しています（受信サーバーの判定）', 15);
  if (/dkim=fail/.test(ar)) add('dkim_fail', 'DKIM署名の検証に失敗しています（受信サーバーの判定）', 10);

  const score = Math.min(100, reasons.reduce((n, r) => n + r.weight, 0));
  const urls = [...new Set(m.links.map((l) => l.href))];
  return {
    verdict: score >= 60 ? '危険' : score >= 25 ? '注意' : '安全',
    score,
    reasons,
    indicators: {
      sender: m.fromAddress,
      domains: [...new Set([fromDomain, ...urls.map(hostOf).filter((h): h is string => h !== null)])],
      urls,
      attachments: m.attachments.map((a) => ({ filename: a.filename, sha256: a.sha256 })),
    },
  };
}
