// The measured side of bench/ehr-audit: the built CLI (dist/, what `mamori` runs — not tsx's
// on-the-fly transform) doing `ehr audit-dir <dir> --json` in a process of its own, so the peak
// RSS printed last on stderr is the audit's alone.
const { main } = await import('../dist/cli/main.js');
const code = await main(['node', 'mamori', 'ehr', 'audit-dir', process.argv[2] ?? '', '--json']);
process.stderr.write(`${JSON.stringify({ code, maxRssMiB: Math.round(process.resourceUsage().maxRSS / 1024) })}\n`);
