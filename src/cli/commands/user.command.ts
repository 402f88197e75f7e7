import { Option, type Command } from 'commander';
import { formatJst } from '../../core/jst.js';
import { ROLE_LABELS_JA, ROLES, isRole } from '../../core/roles.js';
import { generatePassword } from '../../services/password-generator.js';
import { cliActor, CliExit, type CliIo } from '../cli-io.js';
import { withContainer, type GlobalFlags } from '../open-container.js';

async function passwordFrom(io: CliIo, fromStdin: boolean): Promise<{ password: string; generated: boolean }> {
  if (!fromStdin) return { password: generatePassword(), generated: true };
  const password = (await io.readStdin()).replace(/\r?\n$/, '');
  return { password, generated: false };
}

export function registerUser(program: Command, io: CliIo): void {
  const user = program.command('user').description('Manage accounts / アカウント管理');

  user
    .command('add')
    .description('Create an account (a generated password is printed unless --password-stdin) / アカウント作成')
    .argument('<username>', 'login name (letters, digits, . _ -)')
    .addOption(new Option('--role <role>', `role: ${ROLES.map((r) => `${r} (${ROLE_LABELS_JA[r]})`).join(', ')}`).choices(ROLES).makeOptionMandatory())
    .option('--display-name <name>', 'name shown on screen / 表示名')
    .option('--password-stdin', 'read the initial password from standard input (never pass it as an argument)')
    .action(async (username: string, opts: { role: string; displayName?: string; passwordStdin?: boolean }, cmd: Command) => {
      if (!isRole(opts.role)) throw new CliExit(2, `unknown role ${opts.role}`);
      const role = opts.role;
      const { password, generated } = await passwordFrom(io, opts.passwordStdin === true);
      await withContainer(io, cmd.optsWithGlobals<GlobalFlags>(), async (c) => {
        const created = await c.users.create(cliActor(), {
          username,
          displayName: opts.displayName ?? username,
          role,
          password,
          mustChangePassword: true,
        });
        io.out(`created ${created.username} (${ROLE_LABELS_JA[role]})`);
        if (generated) io.out(`initial password / 初期パスワード: ${password}   (must be changed at first sign-in)`);
        if (created.mfa_required === 1) io.out('two-factor enrolment is required at first sign-in / 初回ログイン時に二要素認証の設定が必要です');
      });
    });

  user
    .command('list')
    .description('List accounts / アカウント一覧')
    .option('--json', 'one JSON object per line')
    .action(async (opts: { json?: boolean }, cmd: Command) => {
      await withContainer(io, cmd.optsWithGlobals<GlobalFlags>(), async (c) => {
        const users = await c.users.list();
        await c.audit.record(cliActor(), { action: 'user.list', detail: { count: users.length } });
        for (const u of users) {
          const row = {
            username: u.username,
            role: u.role,
            disabled: u.disabled === 1,
            mfa: u.mfa_enabled === 1,
            lastLogin: u.last_login_at ? formatJst(new Date(u.last_login_at)) : null,
          };
          io.out(
            opts.json
              ? JSON.stringify(row)
              : `${row.username.padEnd(20)} ${row.role.padEnd(17)} ${row.disabled ? 'disabled' : 'active  '} mfa:${row.mfa ? 'yes' : 'no '} last:${row.lastLogin ?? '-'}`,
          );
        }
      });
    });

  const simple = (name: string, description: string, run: (c: Parameters<Parameters<typeof withContainer>[2]>[0], id: string) => Promise<string>) => {
    user
      .command(name)
      .description(description)
      .argument('<username>')
      .action(async (username: string, _opts: unknown, cmd: Command) => {
        await withContainer(io, cmd.optsWithGlobals<GlobalFlags>(), async (c) => {
          const target = await c.users.findByUsername(username);
          io.out(await run(c, target.id));
        });
      });
  };
  simple('disable', 'Disable an account and end its sessions / アカウント無効化', async (c, id) => {
    const u = await c.users.update(cliActor(), id, { disabled: true });
    return `disabled ${u.username}`;
  });
  simple('enable', 'Re-enable an account / アカウント有効化', async (c, id) => {
    const u = await c.users.update(cliActor(), id, { disabled: false });
    return `enabled ${u.username}`;
  });
  simple('reset-mfa', 'Forget the TOTP secret; the user enrols again / 二要素認証のリセット', async (c, id) => {
    const u = await c.users.resetMfa(cliActor(), id);
    return `two-factor reset for ${u.username}; enrolment required at next sign-in`;
  });
  simple('unlock', 'Clear a lockout after failed sign-ins / ロック解除', async (c, id) => {
    const u = await c.users.unlock(cliActor(), id);
    return `unlocked ${u.username}`;
  });
  simple('reset-password', 'Set a new generated password (must be changed) / パスワード再発行', async (c, id) => {
    const password = generatePassword();
    const u = await c.users.setPassword(cliActor(), id, password);
    return `new password for ${u.username} / 新しいパスワード: ${password}`;
  });
}
