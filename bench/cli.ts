/** Run the real CLI in-process for the evaluations (same code path as `mamori …`); throws on a non-zero exit. */
import { runCli } from '../src/cli/main.js';

export async function cli(args: string[]): Promise<string[]> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(['node', 'mamori', ...args], { out: (l) => out.push(l), err: (l) => err.push(l), env: {}, cwd: process.cwd(), readStdin: () => Promise.resolve('') });
  if (code !== 0) throw new Error(`mamori ${args.join(' ')} failed: ${err.join('\n')}`);
  return out;
}
