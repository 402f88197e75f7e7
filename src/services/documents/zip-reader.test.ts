import iconv from 'iconv-lite';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { readZip } from './zip-reader.js';
import { markZipEncrypted } from '../mail/synthetic-mime.js';

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

describe('zip reader', () => {
  it('reads entries and decodes CP932 names', async () => {
    const entries = await readZip(await zipOf({ '患者一覧.csv': '氏名\n架空\n' }, { cp932Names: true }));
    expect(entries?.map((e) => [e.name, e.status, e.data?.toString()])).toEqual([['患者一覧.csv', 'ok', '氏名\n架空\n']]);
  });
  it('a zip that breaks part-way ends with an unreadable entry, never a silently short list', async () => {
    const stored = new JSZip();
    stored.file('a.csv', 'x');
    // Encrypted flag on a stored entry whose sizes do not allow the 12-byte ZipCrypto header.
    const entries = await readZip(markZipEncrypted(await stored.generateAsync({ type: 'nodebuffer' })));
    expect(entries?.at(-1)?.status).toBe('unreadable');
  });
  it('reports encrypted entries (PPAP) instead of failing', async () => {
    const entries = await readZip(markZipEncrypted(await zipOf({ 'secret.csv': 'x' })));
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
