/**
 * Content-addressed, write-once evidence storage under the data directory:
 * <root>/<aa>/<bb>/<sha256>. A file is written to a temporary name while its hash is computed,
 * then renamed into place read-only; the same content stored twice is kept once. Nothing here
 * ever modifies or deletes a stored file (`withSpooled` and `spool` uploads never become stored files).
 */
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { chmod, mkdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';

export interface StoredBlob {
  sha256: string;
  size: number;
}

export class EvidenceTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`evidence larger than ${limit} bytes`);
    this.name = 'EvidenceTooLargeError';
  }
}

export class EvidenceStore {
  readonly #root: string;

  constructor(root: string) {
    this.#root = root;
  }

  pathOf(sha256: string): string {
    if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error('invalid sha256');
    return path.join(this.#root, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }

  /** Stream `input` into the store, hashing as it goes; refuses more than `maxBytes`. */
  async put(input: Readable | ReadableStream<Uint8Array>, maxBytes: number): Promise<StoredBlob> {
    const { tmp, sha256, size } = await this.#spool(input, maxBytes);
    const target = this.pathOf(sha256);
    await mkdir(path.dirname(target), { recursive: true });
    const exists = await stat(target).then(
      () => true,
      () => false,
    );
    if (exists) {
      await rm(tmp, { force: true });
    } else {
      await rename(tmp, target);
      await chmod(target, 0o400);
    }
    return { sha256, size };
  }

  /**
   * An upload that is read once and not kept (an mbox to split into messages, the hospital's
   * history): spooled to the store's temporary folder with the same size limit, handed to `use`
   * as a path, and removed afterwards.
   */
  async withSpooled<T>(input: Readable | ReadableStream<Uint8Array>, maxBytes: number, use: (file: string) => Promise<T>): Promise<T> {
    const { tmp } = await this.#spool(input, maxBytes);
    try {
      return await use(tmp);
    } finally {
      await rm(tmp, { force: true });
    }
  }

  /**
   * An upload kept only until it has been used, across requests (an EHR export, imported by a
   * later job, then discarded): spooled to the temporary folder under a random id.
   */
  async spool(input: Readable | ReadableStream<Uint8Array>, maxBytes: number): Promise<StoredBlob & { spoolId: string }> {
    const { tmp, sha256, size } = await this.#spool(input, maxBytes);
    return { spoolId: path.basename(tmp), sha256, size };
  }

  spooledPath(spoolId: string): string {
    if (!/^[0-9a-f-]{36}$/.test(spoolId)) throw new Error('invalid spool id');
    return path.join(this.#root, 'tmp', spoolId);
  }

  async discardSpooled(spoolId: string): Promise<void> {
    await rm(this.spooledPath(spoolId), { force: true });
  }

  async #spool(input: Readable | ReadableStream<Uint8Array>, maxBytes: number): Promise<StoredBlob & { tmp: string }> {
    const tmpDir = path.join(this.#root, 'tmp');
    await mkdir(tmpDir, { recursive: true });
    const tmp = path.join(tmpDir, randomUUID());
    const hash = createHash('sha256');
    let size = 0;
    const meter = new Transform({
      transform(chunk: Buffer, _enc, done) {
        size += chunk.length;
        if (size > maxBytes) return done(new EvidenceTooLargeError(maxBytes));
        hash.update(chunk);
        done(null, chunk);
      },
    });
    const source = input instanceof Readable ? input : Readable.fromWeb(input);
    try {
      await pipeline(source, meter, createWriteStream(tmp, { flags: 'wx', mode: 0o600 }));
    } catch (error) {
      await rm(tmp, { force: true });
      throw error;
    }
    return { tmp, sha256: hash.digest('hex'), size };
  }

  read(sha256: string): Readable {
    return createReadStream(this.pathOf(sha256));
  }

  /** Recompute the hash of the stored file: true when it still matches its name. */
  async verify(sha256: string): Promise<boolean> {
    const hash = createHash('sha256');
    try {
      await pipeline(this.read(sha256), hash);
    } catch {
      return false;
    }
    return hash.digest('hex') === sha256;
  }
}
