import { createContainer, type Container } from '../bootstrap/container.js';
import { loadConfig, type LoadOptions } from '../config/config.js';
import type { CliIo } from './cli-io.js';

export interface GlobalFlags {
  config?: string;
  dataDir?: string;
  databaseUrl?: string;
  host?: string;
  port?: string;
}

/** Config from env + file + flags, then the wired container. Config errors propagate. */
export async function openContainer(io: CliIo, flags: GlobalFlags, logLevel?: 'silent'): Promise<Container> {
  const options: LoadOptions = {
    env: io.env,
    cwd: io.cwd,
    overrides: {
      dataDir: flags.dataDir,
      databaseUrl: flags.databaseUrl,
      host: flags.host,
      port: flags.port,
      ...(logLevel ? { logLevel } : {}),
    },
  };
  if (flags.config) options.file = flags.config;
  const config = loadConfig(options);
  return createContainer(config, io.container ?? {});
}

/** Run `fn` with a container and always close it. */
export async function withContainer<T>(io: CliIo, flags: GlobalFlags, fn: (c: Container) => Promise<T>): Promise<T> {
  const container = await openContainer(io, flags, 'silent');
  try {
    return await fn(container);
  } finally {
    await container.close();
  }
}
