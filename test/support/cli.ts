import { runCli } from '../../src/cli/main.js';
import { createLogger } from '../../src/logging/logger.js';
import { TEST_SCRYPT } from './harness.js';

export interface CliRun {
  code: number;
  out: string;
  err: string;
}

/** Run the real CLI in-process with a private environment. */
export async function cli(args: string[], env: Record<string, string>, stdin = ''): Promise<CliRun> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(['node', 'mamori', ...args], {
    out: (l) => out.push(l),
    err: (l) => err.push(l),
    env,
    cwd: '/tmp',
    readStdin: () => Promise.resolve(stdin),
    container: { scryptCost: TEST_SCRYPT, log: createLogger('silent') },
  });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/** CLI environment pointing at a harness's database. */
export function cliEnvFor(location: { dialect: 'sqlite'; file: string } | { dialect: 'postgres'; url: string }): Record<string, string> {
  return { MAMORI_DATABASE_URL: location.dialect === 'sqlite' ? `sqlite:${location.file}` : location.url };
}
