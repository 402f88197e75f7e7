import { Command, CommanderError, Option } from 'commander';
import { ConfigError } from '../config/config.js';
import { DomainError } from '../core/errors.js';
import { DatabaseOpenError } from '../db/database.js';
import { CliExit, type CliIo } from './cli-io.js';
import { registerAudit } from './commands/audit.command.js';
import { registerBackup } from './commands/backup.command.js';
import { registerDemo } from './commands/demo.command.js';
import { registerMigrate } from './commands/migrate.command.js';
import { registerEhr } from './commands/ehr.command.js';
import { registerMail } from './commands/mail.command.js';
import { registerScan } from './commands/scan.command.js';
import { registerServe } from './commands/serve.command.js';
import { registerUser } from './commands/user.command.js';

/** Build the command tree. Every global flag has an environment-variable twin. */
export function buildProgram(io: CliIo): Command {
  const program = new Command('mamori')
    .description('Mamori 守り — incident detection, breach scoping and response for hospitals / 病院のサイバーインシデント対応')
    .addOption(new Option('-c, --config <file>', 'JSON config file').env('MAMORI_CONFIG'))
    .addOption(new Option('--data-dir <dir>', 'data directory (SQLite file, evidence)').env('MAMORI_DATA_DIR'))
    .addOption(new Option('--database-url <url>', 'postgres://… or sqlite:<file>').env('MAMORI_DATABASE_URL'))
    .addOption(new Option('--host <host>', 'address to bind (default 127.0.0.1)').env('MAMORI_HOST'))
    .addOption(new Option('--port <port>', 'port to listen on (default 8080)').env('MAMORI_PORT'))
    .showHelpAfterError()
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out(s.replace(/\n$/, '')), writeErr: (s) => io.err(s.replace(/\n$/, '')) });
  registerServe(program, io);
  registerMigrate(program, io);
  registerUser(program, io);
  registerAudit(program, io);
  registerBackup(program, io);
  registerDemo(program, io);
  registerScan(program, io);
  registerEhr(program, io);
  registerMail(program, io);
  for (const sub of program.commands) {
    sub.exitOverride();
    for (const leaf of sub.commands) leaf.exitOverride();
  }
  return program;
}

/** Run the CLI; returns the exit code instead of exiting, so tests can call it in-process. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const program = buildProgram(io);
  try {
    await program.parseAsync([...argv]);
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode;
    if (error instanceof CliExit) {
      if (error.message) io.err(error.message);
      return error.code;
    }
    if (error instanceof ConfigError) {
      io.err(error.message);
      return 2;
    }
    if (error instanceof DatabaseOpenError) {
      io.err(`mamori: ${error.message}`);
      return 2;
    }
    if (error instanceof DomainError) {
      io.err(`mamori: ${error.code}: ${error.message}`);
      return 1;
    }
    io.err(`mamori: unexpected error: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}

/** Entry point used by bin/mamori.js. */
export async function main(argv: readonly string[]): Promise<number> {
  return runCli(argv, {
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
    env: process.env,
    cwd: process.cwd(),
    readStdin: async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
      return Buffer.concat(chunks).toString('utf8');
    },
  });
}
