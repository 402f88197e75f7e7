import { userInfo } from 'node:os';
import type { ContainerOptions } from '../bootstrap/container.js';
import type { Actor } from '../core/actor.js';

/** Where CLI commands write and what they read; tests pass in-memory versions. */
export interface CliIo {
  out: (line: string) => void;
  err: (line: string) => void;
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
  readStdin: () => Promise<string>;
  /** Extra container wiring (tests lower the scrypt cost, inject a clock). */
  container?: ContainerOptions;
  /** Resolves when `serve` should stop (tests); default: SIGINT/SIGTERM. */
  shutdownSignal?: Promise<void>;
}

export function cliActor(): Actor {
  let name = 'unknown';
  try {
    name = userInfo().username;
  } catch {
    // containers without a passwd entry
  }
  return { id: null, name: `cli:${name}`, ip: null };
}

/** Thrown by commands to end with a specific exit code after printing their own message. */
export class CliExit extends Error {
  readonly code: number;
  constructor(code: number, message = '') {
    super(message);
    this.code = code;
  }
}
