import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from './app-env.js';

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

async function fileIfExists(file: string): Promise<Buffer | null> {
  try {
    const info = await stat(file);
    return info.isFile() ? await readFile(file) : null;
  } catch {
    return null;
  }
}

/**
 * Serves the built web UI from `root` (dist/web). Unknown non-API paths get index.html so that
 * client-side routes survive a reload. Hashed assets are cached forever; index.html never.
 */
export function staticFiles(root: string): MiddlewareHandler<AppEnv> {
  const base = path.resolve(root);
  return async (c, next) => {
    if ((c.req.method !== 'GET' && c.req.method !== 'HEAD') || c.req.path.startsWith('/api/')) return next();
    let relative: string;
    try {
      relative = decodeURIComponent(c.req.path);
    } catch {
      return next();
    }
    const target = path.resolve(base, `.${relative}`);
    if (target !== base && !target.startsWith(base + path.sep)) return next();
    const ext = path.extname(target);
    const body = ext ? await fileIfExists(target) : null;
    if (body) {
      const immutable = relative.startsWith('/assets/');
      return c.body(new Uint8Array(body), 200, {
        'Content-Type': TYPES[ext] ?? 'application/octet-stream',
        'Cache-Control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
      });
    }
    if (ext && ext !== '.html') return next();
    const index = await fileIfExists(path.join(base, 'index.html'));
    if (!index) {
      return c.text('Web UI not built. Run `npm run build`. / Web UI が未ビルドです。', 503);
    }
    return c.body(new Uint8Array(index), 200, { 'Content-Type': TYPES['.html'] ?? 'text/html', 'Cache-Control': 'no-cache' });
  };
}
