/**
 * Bounded zip reading for the scanner (yauzl, streaming inflate). Every limit ends in a status,
 * never an exception: encrypted entries (PPAP) are `encrypted`, declared or actual sizes over the
 * limits or a compression ratio typical of zip bombs are `too_large`. Entry names without the
 * UTF-8 flag are decoded as CP932 (Windows Explorer's zip).
 */
import iconv from 'iconv-lite';
import yauzl, { type Entry, type ZipFile } from 'yauzl';

export interface ZipLimits {
  maxEntries: number;
  maxEntryBytes: number;
  maxTotalBytes: number;
  maxRatio: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = { maxEntries: 2000, maxEntryBytes: 50 * 1024 * 1024, maxTotalBytes: 200 * 1024 * 1024, maxRatio: 200 };

export type ZipEntryResult = { name: string; status: 'ok'; data: Buffer } | { name: string; status: 'encrypted' | 'too_large' | 'unreadable'; data: null };

function entryName(entry: Entry): string {
  const raw = entry.fileName as unknown as Buffer | string;
  if (typeof raw === 'string') return raw;
  // Bit 11: the name is UTF-8; otherwise assume CP932.
  return entry.generalPurposeBitFlag & 0x800 ? raw.toString('utf8') : iconv.decode(raw, 'cp932');
}

function open(data: Buffer): Promise<ZipFile> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(data, { lazyEntries: true, decodeStrings: false, validateEntrySizes: true, strictFileNames: false }, (err, zip) => (err || !zip ? reject(err ?? new Error('no zip')) : resolve(zip)));
  });
}

function readEntry(zip: ZipFile, entry: Entry, limit: number): Promise<Buffer | null> {
  return new Promise((resolve) => {
    zip.openReadStream(entry, (err, stream) => {
      if (err || !stream) return resolve(null);
      const chunks: Buffer[] = [];
      let size = 0;
      stream.on('data', (c: Buffer) => {
        size += c.length;
        if (size > limit) {
          stream.destroy();
          resolve(null);
          return;
        }
        chunks.push(c);
      });
      stream.on('error', () => resolve(null));
      stream.on('end', () => resolve(Buffer.concat(chunks)));
    });
  });
}

/** All entries of a zip, with a status each; `null` when the buffer is not a readable zip. */
export async function readZip(data: Buffer, limits: ZipLimits = DEFAULT_ZIP_LIMITS): Promise<ZipEntryResult[] | null> {
  let zip: ZipFile;
  try {
    zip = await open(data);
  } catch {
    return null;
  }
  const out: ZipEntryResult[] = [];
  let total = 0;
  return new Promise((resolve) => {
    // A structural error part-way (bad sizes, truncated file) must not look like "no more entries".
    zip.on('error', () => resolve([...out, { name: '（以降のエントリ）', status: 'unreadable', data: null }]));
    zip.on('end', () => resolve(out));
    zip.on('entry', (entry: Entry) => {
      void (async () => {
        const name = entryName(entry);
        if (name.endsWith('/')) return zip.readEntry();
        if (out.length >= limits.maxEntries) {
          out.push({ name, status: 'too_large', data: null });
          zip.close();
          return resolve(out);
        }
        if (entry.generalPurposeBitFlag & 0x1) {
          out.push({ name, status: 'encrypted', data: null });
          return zip.readEntry();
        }
        const ratio = entry.compressedSize > 0 ? entry.uncompressedSize / entry.compressedSize : 0;
        if (entry.uncompressedSize > limits.maxEntryBytes || total + entry.uncompressedSize > limits.maxTotalBytes || ratio > limits.maxRatio) {
          out.push({ name, status: 'too_large', data: null });
          return zip.readEntry();
        }
        const content = await readEntry(zip, entry, limits.maxEntryBytes);
        if (content) {
          total += content.length;
          out.push({ name, status: 'ok', data: content });
        } else {
          out.push({ name, status: 'unreadable', data: null });
        }
        zip.readEntry();
      })();
    });
    zip.readEntry();
  });
}
