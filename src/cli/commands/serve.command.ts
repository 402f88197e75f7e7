import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import type { CliIo } from '../cli-io.js';
import { openContainer, type GlobalFlags } from '../open-container.js';
import { startServer } from '../../server/serve.js';

/** dist/web next to dist/cli (built), or <repo>/dist/web when running from src under tsx/vitest. */
function defaultWebRoot(): string {
  const here = fileURLToPath(new URL('.', import.meta.url));
  return here.includes(`${'/src/'}`) ? fileURLToPath(new URL('../../../dist/web', import.meta.url)) : fileURLToPath(new URL('../../web', import.meta.url));
}

export function registerServe(program: Command, io: CliIo): void {
  program
    .command('serve')
    .description('Start the HTTP API and web UI / サーバーを起動')
    .action(async (_opts: unknown, cmd: Command) => {
      const flags = cmd.optsWithGlobals<GlobalFlags>();
      const container = await openContainer(io, flags);
      let running;
      try {
        running = await startServer(container, { webRoot: defaultWebRoot(), print: io.out });
      } catch (error) {
        await container.close();
        throw error;
      }
      await (io.shutdownSignal ??
        new Promise<void>((resolve) => {
          process.once('SIGINT', resolve);
          process.once('SIGTERM', resolve);
        }));
      await running.stop();
      await container.close();
    });
}
