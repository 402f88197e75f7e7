/**
 * Walks files and folders for the scanner. Files larger than `maxBytes` are yielded with a
 * status instead of their content, so one huge file can never exhaust memory.
 */
import { readFile, readdir, stat } from 'node:fs/promises';
import path from 'node:path';

export type SourceFile = { path: string; size: number; status: 'ok'; data: Buffer } | { path: string; size: number; status: 'too_large' | 'unreadable'; data: null };

/**
 * `streamed(path)` marks files the caller reads itself as a stream (mbox): they are yielded with
 * `data: null` whatever their size.
 */
export async function* walkFiles(roots: readonly string[], maxBytes: number, streamed: (path: string) => boolean = () => false): AsyncGenerator<SourceFile> {
  for (const root of roots) yield* walk(root, maxBytes, streamed);
}

async function* walk(p: string, maxBytes: number, streamed: (path: string) => boolean): AsyncGenerator<SourceFile> {
  let info;
  try {
    info = await stat(p);
  } catch {
    yield { path: p, size: 0, status: 'unreadable', data: null };
    return;
  }
  if (info.isDirectory()) {
    const entries = (await readdir(p)).sort();
    for (const e of entries) yield* walk(path.join(p, e), maxBytes, streamed);
    return;
  }
  if (!info.isFile()) return;
  if (streamed(p)) {
    yield { path: p, size: info.size, status: 'too_large', data: null };
    return;
  }
  if (info.size > maxBytes) {
    yield { path: p, size: info.size, status: 'too_large', data: null };
    return;
  }
  try {
    yield { path: p, size: info.size, status: 'ok', data: await readFile(p) };
  } catch {
    yield { path: p, size: info.size, status: 'unreadable', data: null };
  }
}
