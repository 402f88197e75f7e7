import type { Command } from 'commander';
import { cliActor, CliExit, type CliIo } from '../cli-io.js';
import { withContainer, type GlobalFlags } from '../open-container.js';

export function registerAudit(program: Command, io: CliIo): void {
  const audit = program.command('audit').description('Audit trail / 監査証跡');
  audit
    .command('verify')
    .description('Check the hash chain; exit 1 and name the rows if any was modified or deleted / 改ざん検証')
    .option('--expect-head <hash>', 'head hash recorded earlier (detects rows removed from the end)')
    .option('--json', 'print the report as JSON')
    .action(async (opts: { expectHead?: string; json?: boolean }, cmd: Command) => {
      await withContainer(io, cmd.optsWithGlobals<GlobalFlags>(), async (c) => {
        const report = await c.audit.verify((rows, total) => {
          if (!opts.json && total > 10_000) io.err(`verified ${rows} / ${total}`);
        }, 10_000);
        if (opts.expectHead && opts.expectHead !== report.headHash) {
          report.ok = false;
          report.problems.push({
            kind: 'head_mismatch',
            seq: report.lastSeq,
            message: `head hash differs from the expected ${opts.expectHead.slice(0, 16)}…`,
          });
        }
        await c.audit.record(cliActor(), {
          action: 'audit.verify',
          outcome: report.ok ? 'success' : 'failure',
          detail: { rows: report.rows, problems: report.problems.length },
        });
        if (opts.json) {
          io.out(JSON.stringify(report));
        } else if (report.ok) {
          io.out(`OK: audit trail intact — ${report.rows} rows, last seq ${report.lastSeq}`);
          io.out(`head hash: ${report.headHash}  (keep this to detect later truncation: --expect-head)`);
        } else {
          io.out(`TAMPERED: ${report.problems.length} problem(s) in ${report.rows} rows / 改ざんを検出しました`);
          for (const p of report.problems) io.out(`  seq ${p.seq}: ${p.kind} — ${p.message}`);
        }
        if (!report.ok) throw new CliExit(1);
      });
    });
}
