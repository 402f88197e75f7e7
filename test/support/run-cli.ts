// The CLI as its own process from the sources (tests that must kill it half-way).
import { main } from '../../src/cli/main.js';

process.exitCode = await main(process.argv);
