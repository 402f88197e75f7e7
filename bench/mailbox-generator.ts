/**
 * A synthetic Japanese hospital mailbox for benchmarks: referral letters with one patient,
 * lab-result lists as Shift_JIS CSV attachments, newsletters with look-alike numbers. All names
 * are fictional (架空/見本/模擬 …). Deterministic for a given seed.
 */
import iconv from 'iconv-lite';

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const FAMILY = ['架空', '見本', '模擬', '試験', '例示', '仮名'];
const GIVEN = ['一郎', '花子', '次郎', '桜', '葵', '健太', '美咲', '翔'];

function b64(s: string | Buffer): string {
  return (typeof s === 'string' ? Buffer.from(s) : s).toString('base64').replace(/(.{76})/g, '$1\n');
}

export function generateMailbox(messages: number, seed = 42): Buffer {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] ?? (xs[0] as T);
  const parts: string[] = [];
  for (let i = 0; i < messages; i += 1) {
    const kind = r();
    const header = `From sender${i}@example.invalid Mon Nov 16 10:00:00 2026\nFrom: =?UTF-8?B?${b64('医師 見本')}?= <doctor@demo-hospital.invalid>\nTo: clinic${i % 50}@example.invalid\nSubject: =?UTF-8?B?${b64(`件名${i}`)}?=\nMessage-ID: <gen${i}@demo>\nMIME-Version: 1.0\n`;
    if (kind < 0.3) {
      const body = `${pick(FAMILY)} ${pick(GIVEN)} 様（昭和${10 + Math.floor(r() * 50)}年${1 + Math.floor(r() * 12)}月${1 + Math.floor(r() * 28)}日生）についてご紹介します。\n病名: 糖尿病\n患者ID: ${String(100000 + i)}\n\n--\n医師 見本\nTEL 03-0000-0000\n`;
      parts.push(`${header}Content-Type: text/plain; charset=UTF-8\nContent-Transfer-Encoding: base64\n\n${b64(body)}\n`);
    } else if (kind < 0.4) {
      const rows = ['氏名,受付日,検査結果'];
      const n = 20 + Math.floor(r() * 200);
      for (let j = 0; j < n; j += 1) rows.push(`${pick(FAMILY)} ${pick(GIVEN)}${j},2026-01-${String(1 + (j % 28)).padStart(2, '0')},${r() < 0.3 ? '陽性' : '陰性'}`);
      const csv = iconv.encode(rows.join('\r\n'), 'cp932');
      parts.push(
        `${header}Content-Type: multipart/mixed; boundary="b${i}"\n\n--b${i}\nContent-Type: text/plain; charset=UTF-8\n\n添付をご確認ください。\n--b${i}\nContent-Type: text/csv; name="list${i}.csv"\nContent-Disposition: attachment; filename="list${i}.csv"\nContent-Transfer-Encoding: base64\n\n${b64(csv)}\n--b${i}--\n`,
      );
    } else {
      const body = `院内報 第${i}号\n会議は${1 + (i % 12)}月${1 + (i % 28)}日です。注文番号 ${String(100000000000 + i)}、内線 ${1000 + (i % 9000)}。\n${'本文です。'.repeat(40 + Math.floor(r() * 200))}\n`;
      parts.push(`${header}Content-Type: text/plain; charset=UTF-8\nContent-Transfer-Encoding: base64\n\n${b64(body)}\n`);
    }
  }
  return Buffer.from(parts.join('\n'));
}
