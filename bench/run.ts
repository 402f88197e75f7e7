/** `npm run bench`: every module's benchmark and evaluation, one after another. */
import { runEhrAudit } from './ehr-audit.js';
import { runEhrEval } from './ehr-eval.js';
import { runMailAnalyze } from './mail-analyze.js';
import { runMailEval } from './mail-eval.js';
import { runMailTakeoverEval } from './mail-takeover-eval.js';
import { printResults, runFoundationBench } from './foundation.bench.js';
import { printIncidentResults, runIncidentsBench } from './incidents.bench.js';
import { printScanResults, runScanBench } from './scan.bench.js';
import { runScanEval } from './scan-eval.js';

const dialects: Array<'sqlite' | 'postgres'> = process.env.MAMORI_BENCH_PG_URL ? ['sqlite', 'postgres'] : ['sqlite'];
process.stdout.write(`Mamori benchmarks — Node ${process.version}, ${new Date().toISOString()}\n`);
for (const dialect of dialects) printResults(await runFoundationBench(dialect));
printIncidentResults(await runIncidentsBench());
printScanResults(await runScanBench());
await runScanEval();
await runEhrEval();
await runEhrAudit();
await runMailEval();
await runMailAnalyze();
await runMailTakeoverEval();
