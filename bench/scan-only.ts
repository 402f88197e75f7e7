/** `node --import tsx bench/scan-only.ts`: just the scan benchmark. */
import { printScanResults, runScanBench } from './scan.bench.js';

printScanResults(await runScanBench());
