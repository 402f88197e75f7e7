/**
 * A drop folder: files that appear in `dir` are handed to `handle` one at a time, then moved to
 * `dir/processed/` (or `dir/failed/` with a `.reason.txt`), so nothing is judged twice and nothing
 * is lost. Polling, not fs.watch: it works the same on network shares, where the MTA or a
 * quarantine export usually writes. A file still growing (modified in the last 2 s) waits.
 */
import { mkdir, readdir, rename, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';

export interface WatchResult {
  processed: number;
  failed: number;
}

export class FolderWatcher {
  readonly #dir: string;
  readonly #handle: (file: string, name: string) => Promise<void>;
  readonly #intervalMs: number;
  #timer: NodeJS.Timeout | null = null;
  #running: Promise<WatchResult> | null = null;

  constructor(dir: string, handle: (file: string, name: string) => Promise<void>, intervalMs = 5000) {
    this.#dir = dir;
    this.#handle = handle;
    this.#intervalMs = intervalMs;
  }

  start(onError: (error: unknown) => void): void {
    if (this.#timer) return;
    this.#timer = setInterval(() => {
      this.tick().catch(onError);
    }, this.#intervalMs);
    this.#timer.unref();
  }

  async stop(): Promise<void> {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
    await this.#running;
  }

  /** One pass over the folder (ticks never overlap). */
  async tick(now = Date.now()): Promise<WatchResult> {
    this.#running ??= this.#pass(now).finally(() => {
      this.#running = null;
    });
    return this.#running;
  }

  async #pass(now: number): Promise<WatchResult> {
    const result = { processed: 0, failed: 0 };
    await mkdir(path.join(this.#dir, 'processed'), { recursive: true });
    await mkdir(path.join(this.#dir, 'failed'), { recursive: true });
    for (const name of (await readdir(this.#dir)).sort()) {
      if (name.startsWith('.') || name === 'processed' || name === 'failed') continue;
      const file = path.join(this.#dir, name);
      const s = await stat(file).catch(() => null);
      if (!s?.isFile() || now - s.mtimeMs < 2000) continue;
      try {
        await this.#handle(file, name);
        await rename(file, path.join(this.#dir, 'processed', name));
        result.processed += 1;
      } catch (error) {
        await rename(file, path.join(this.#dir, 'failed', name));
        // The reason names the problem, never the message's content.
        await writeFile(path.join(this.#dir, 'failed', `${name}.reason.txt`), `${error instanceof Error ? error.message : 'error'}\n`);
        result.failed += 1;
      }
    }
    return result;
  }
}
