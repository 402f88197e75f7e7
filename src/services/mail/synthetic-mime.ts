/**
 * Building blocks of synthetic messages and attachments for the generators and tests: encoded
 * words, base64 bodies in UTF-8 / ISO-2022-JP / Shift_JIS, multipart/mixed, and the archive
 * tricks attackers use (ZipCrypto flag, padded declared size, OLE document with a VBA stream).
 * Only benign placeholder bytes: nothing here is executable.
 */
import iconv from 'iconv-lite';
import JSZip from 'jszip';

export type Charset = 'UTF-8' | 'ISO-2022-JP' | 'Shift_JIS';

export function b64(data: string | Buffer): string {
  return (typeof data === 'string' ? Buffer.from(data) : data).toString('base64').replace(/(.{76})/g, '$1\n');
}

export function mimeWord(s: string, charset: Charset = 'UTF-8'): string {
  if (!/[^\x20-\x7e]/.test(s)) return s;
  return `=?${charset}?B?${encode(s, charset).toString('base64')}?=`;
}

export function encode(s: string, charset: Charset): Buffer {
  if (charset === 'UTF-8') return Buffer.from(s);
  return charset === 'Shift_JIS' ? iconv.encode(s, 'cp932') : iso2022jp(s);
}

/**
 * ISO-2022-JP (RFC 1468) through EUC-JP, which iconv-lite can write: JIS X 0208 pairs lose their
 * high bits inside ESC $ B … ESC ( B. Half-width kana are widened first (ISO-2022-JP has none).
 */
function iso2022jp(s: string): Buffer {
  const euc = iconv.encode(s.replace(/[｡-ﾟ]+/g, (m) => m.normalize('NFKC')), 'euc-jp');
  const out: number[] = [];
  let jis = false;
  for (let i = 0; i < euc.length; i += 1) {
    const b = euc[i] ?? 0;
    if (b < 0x80) {
      if (jis) out.push(0x1b, 0x28, 0x42);
      jis = false;
      out.push(b);
      continue;
    }
    if (!jis) out.push(0x1b, 0x24, 0x42);
    jis = true;
    out.push(b & 0x7f, (euc[i + 1] ?? 0xa1) & 0x7f);
    i += 1;
  }
  if (jis) out.push(0x1b, 0x28, 0x42);
  return Buffer.from(out);
}

export function address(name: string, addr: string, charset: Charset = 'UTF-8'): string {
  return name ? `${mimeWord(name, charset)} <${addr}>` : addr;
}

export interface Attachment {
  name: string;
  type: string;
  data: Buffer;
}

/** A whole message (CRLF-free, LF line ends as in mbox). `headers` are already encoded lines. */
export function buildMessage(headers: readonly string[], body: { text: string; html?: string; charset?: Charset }, attachments: readonly Attachment[] = [], boundary = 'mamori-boundary'): string {
  const cs = body.charset ?? 'UTF-8';
  const head = `${headers.join('\n')}\nMIME-Version: 1.0\n`;
  const textPart = `Content-Type: text/plain; charset=${cs}\nContent-Transfer-Encoding: base64\n\n${b64(encode(body.text, cs))}`;
  const htmlPart = body.html ? `Content-Type: text/html; charset=UTF-8\nContent-Transfer-Encoding: base64\n\n${b64(body.html)}` : null;
  if (attachments.length === 0 && !htmlPart) return `${head}${textPart}\n`;
  const parts = [textPart, ...(htmlPart ? [htmlPart] : []), ...attachments.map((a) => `Content-Type: ${a.type}; name="${mimeWord(a.name)}"\nContent-Disposition: attachment; filename="${mimeWord(a.name)}"\nContent-Transfer-Encoding: base64\n\n${b64(a.data)}`)];
  const type = attachments.length === 0 ? 'multipart/alternative' : 'multipart/mixed';
  return `${head}Content-Type: ${type}; boundary="${boundary}"\n\n${parts.map((p) => `--${boundary}\n${p}`).join('\n')}\n--${boundary}--\n`;
}

/** Set general-purpose bit 0 on every entry: all a reader sees of ZipCrypto (PPAP). */
export function markZipEncrypted(buf: Buffer): Buffer {
  const out = Buffer.from(buf);
  for (let i = 0; i < out.length - 4; i += 1) {
    const sig = out.readUInt32LE(i);
    if (sig === 0x02014b50) out.writeUInt16LE(out.readUInt16LE(i + 8) | 0x1, i + 8);
    if (sig === 0x04034b50) out.writeUInt16LE(out.readUInt16LE(i + 6) | 0x1, i + 6);
  }
  return out;
}

/** Declare `bytes` as every entry's uncompressed size (the >500 MB padding trick, without the bytes). */
export function padDeclaredSize(buf: Buffer, bytes: number): Buffer {
  const out = Buffer.from(buf);
  for (let i = 0; i < out.length - 4; i += 1) {
    const sig = out.readUInt32LE(i);
    if (sig === 0x02014b50) out.writeUInt32LE(bytes, i + 24);
    if (sig === 0x04034b50) out.writeUInt32LE(bytes, i + 22);
  }
  return out;
}

export async function zipOf(files: ReadonlyArray<{ name: string; data: Buffer | string }>): Promise<Buffer> {
  const z = new JSZip();
  for (const f of files) z.file(f.name, f.data);
  return z.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

/** An OOXML document with a VBA project part (what makes .docm/.xlsm run macros). */
export function macroOoxml(kind: 'word' | 'xl'): Promise<Buffer> {
  return zipOf([
    { name: '[Content_Types].xml', data: '<Types/>' },
    { name: `${kind}/${kind === 'word' ? 'document' : 'workbook'}.xml`, data: '<x/>' },
    { name: `${kind}/vbaProject.bin`, data: Buffer.from('placeholder VBA project') },
  ]);
}

/** A compound-file (OLE) header followed by the stream names of a VBA project. */
export function oleWithVba(): Buffer {
  return Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504), Buffer.from('_VBA_PROJECT_CUR', 'utf16le'), Buffer.alloc(64), Buffer.from('Macros', 'utf16le'), Buffer.alloc(256)]);
}
