// Sums vitest JSON reports into the closing line CI reads: "N passed, N failed".
import { existsSync, readFileSync } from 'node:fs';

let passed = 0;
let failed = 0;
for (const [label, file] of process.argv.slice(2).map((a) => a.split('='))) {
  if (!existsSync(file)) {
    process.stdout.write(`${label}: no report (suite did not run)\n`);
    failed += 1;
    continue;
  }
  const report = JSON.parse(readFileSync(file, 'utf8'));
  const p = report.numPassedTests ?? 0;
  const f = (report.numFailedTests ?? 0) + (report.numRuntimeErrorTestSuites ?? 0);
  process.stdout.write(`${label}: ${p} passed, ${f} failed, ${report.numPendingTests ?? 0} skipped\n`);
  passed += p;
  failed += f;
}
process.stdout.write(`${passed} passed, ${failed} failed\n`);
process.exitCode = failed > 0 ? 1 : 0;
