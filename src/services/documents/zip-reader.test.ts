import iconv from 'iconv-lite';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { readZip } from './zip-reader.js';

async function zipOf(files: Record<string, Buffer | string>, options: { cp932Names?: boolean } = {}): Promise<Buffer> {
  const zip = new JSZip();
  for (const [name, data] of Object.entries(files)) zip.file(name, data);
  return zip.generateAsync({
    type: 'nodebuffer',
    compression: 'DEFLATE',
    // JSZip accepts bytes here at run time (its docs), though its typings say string.
    ...(options.cp932Names ? { encodeFileName: ((n: string) => iconv.encode(n, 'cp932')) as unknown as (n: string) => string } : {}),
  });
}

/** Mark every central-directory entry as encrypted (general purpose bit 0), as ZipCrypto does. */
function markEncrypted(buf: Buffer): Buffer {
  const out = Buffer.from(buf);
  for (let i = 0; i < out.length - 4; i += 1) {
    if (out.readUInt32LE(i) === 0x02014b50) out.writeUInt16LE(out.readUInt16LE(i + 8) | 0x1, i + 8);
    if (out.readUInt32LE(i) === 0x04034b50) out.writeUInt16LE(out.readUInt16LE(i + 6) | 0x1, i + 6);
  }
  return out;
}

describe('zip reader', () => {
  it('reads entries and decodes CP932 names', async () => {
    const entries = await readZip(await zipOf({ '患者一覧.csv': '氏名\n架空\n' }, { cp932Names: true }));
    expect(entries?.map((e) => [e.name, e.status, e.data?.toString()])).toEqual([['患者一覧.csv', 'ok', '氏名\n架空\n']]);
  });
  it('a zip that breaks part-way ends with an unreadable entry, never a silently short list', async () => {
    const stored = new JSZip();
    stored.file('a.csv', 'x');
    // Encrypted flag on a stored entry whose sizes do not allow the 12-byte ZipCrypto header.
    const entries = await readZip(markEncrypted(await stored.generateAsync({ type: 'nodebuffer' })));
    expect(entries?.at(-1)?.status).toBe('unreadable');
  });
  it('reports encrypted entries (PPAP) instead of failing', async () => {
    const entries = await readZip(markEncrypted(await zipOf({ 'secret.csv': 'x' })));
    expect(entries?.map((e) => [e.name, e.status])).toEqual([['secret.csv', 'encrypted']]);
  });
  it('stops a zip bomb by ratio and size without inflating it', async () => {
    const bomb = await zipOf({ 'zeros.txt': Buffer.alloc(20 * 1024 * 1024) });
    expect(bomb.length).toBeLessThan(200_000);
    // The entry is refused from its declared sizes (ratio > 200), before any byte is inflated.
    const entries = await readZip(bomb);
    expect(entries?.map((e) => e.status)).toEqual(['too_large']);
  });
  it('is null for something that is not a zip', async () => {
    expect(await readZip(Buffer.from('PK not really'))).toBeNull();
  });
});
