import type { Command } from 'commander';
import { cliActor, type CliIo } from '../cli-io.js';
import { withContainer, type GlobalFlags } from '../open-container.js';
import { DEMO_HOSPITAL } from '../../services/demo.service.js';

export function registerDemo(program: Command, io: CliIo): void {
  program
    .command('demo')
    .description(`Load the fictional hospital 「${DEMO_HOSPITAL}」 with one account per role / デモデータ投入`)
    .action(async (_opts: unknown, cmd: Command) => {
      await withContainer(io, cmd.optsWithGlobals<GlobalFlags>(), async (c) => {
        const accounts = await c.demo.load(cliActor(), (done, total) => io.err(`demo accounts ${done}/${total}`));
        io.out(`「${DEMO_HOSPITAL}」 loaded. Sign in at ${c.config.publicUrl} with: / 以下でログインできます:`);
        for (const a of accounts) {
          io.out(`  ${a.username.padEnd(16)} ${a.password}   ${a.roleLabel}${a.mfaAtFirstSignIn ? ' (二要素認証を初回に設定 / enrol TOTP at first sign-in)' : ''}`);
        }
        const created = await c.demo.loadIncidents(cliActor());
        io.out(created > 0 ? `incidents: ${created} fictional cases created / 架空のインシデント ${created} 件を作成` : 'incidents: demo cases already present / デモ事例は作成済み');
        const ehr = await c.demo.loadEhrAudit(cliActor());
        io.out(ehr ? `EHR audit: ${ehr.events} access-log events imported and audited, ${ehr.alerts} alerts to review / 電子カルテ監査のデモ（検知 ${ehr.alerts} 件）` : 'EHR audit: data already present / 電子カルテ監査データは取り込み済み');
        io.out('Fictional data only. Running demo again issues new passwords. / 架空のデータです。');
      });
    });
}
