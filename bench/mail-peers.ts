/**
 * SpamAssassin 4 and rspamd 3.4 on the same generated messages as Mamori: installed by
 * scripts/ensure-mail-peers.sh if missing (skipped with a message when that fails), started on
 * loopback ports with network tests off, and asked over their own protocols (spamd SYMBOLS over
 * TCP, rspamd /checkv2 over HTTP) — no process per message, so the speed ratio is fair.
 * SpamAssassin runs with FromNameSpoof and OLEVBMacro loaded (both shipped commented out) and
 * rules for OLEVBMacro's checks; rspamd with its defaults plus a `multimap` of staff display
 * names (the closest it comes to Mamori's staff rule). DNS is pointed at a closed local port.
 */
import { execFile, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, readFileSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { readMbox } from '../src/connectors/mbox-reader.js';
import type { InboundLabel } from '../src/services/mail/mail-generator.js';

export interface PeerVerdict {
  flagged: boolean;
  score: number;
  symbols: string[];
}

export interface Peer {
  name: string;
  check(raw: Buffer): Promise<PeerVerdict>;
  stop(): void;
}

function cleanup(child: ChildProcess, dir: string): void {
  child.kill();
  // The daemon may still be writing its state as it exits; a temp dir left behind is harmless.
  setTimeout(() => rmSync(dir, { recursive: true, force: true, maxRetries: 3 }), 1000).unref();
}

export function ensureInstalled(): boolean {
  const r = spawnSync('bash', [path.resolve('scripts/ensure-mail-peers.sh')], { stdio: ['ignore', 'ignore', 'pipe'], timeout: 900_000 });
  return r.status === 0;
}

async function waitPort(port: number, seconds: number): Promise<boolean> {
  for (let i = 0; i < seconds * 4; i += 1) {
    const ok = await new Promise<boolean>((resolve) => {
      const s = connect(port, '127.0.0.1', () => {
        s.end();
        resolve(true);
      });
      s.on('error', () => resolve(false));
    });
    if (ok) return true;
    await sleep(250);
  }
  return false;
}

/** One message through spamc (how an MTA calls spamd); the report gives score and rules. */
function spamc(port: number, raw: Buffer): Promise<PeerVerdict> {
  return new Promise((resolve, reject) => {
    const child = execFile('/usr/bin/spamc', ['-d', '127.0.0.1', '-p', String(port), '-R', '-s', String(64 * 1024 * 1024)], { maxBuffer: 16 * 1024 * 1024 }, (err, stdout) => {
      if (err && !stdout) return reject(new Error(`spamc failed: ${err.message}`));
      const [score = '0', required = '0'] = (stdout.split('\n')[0] ?? '').split('/');
      // spamc answers "0/0" when spamd could not judge the message.
      if (required === '0') return reject(new Error('spamd did not judge the message'));
      const symbols = [...stdout.matchAll(/^\s*-?\d+\.\d+\s+([A-Z0-9_]+)\s/gm)].map((m) => m[1] ?? '');
      resolve({ flagged: Number(score) >= Number(required), score: Number(score), symbols });
    });
    child.stdin?.end(raw);
  });
}

export async function startSpamAssassin(port = 17830): Promise<Peer | null> {
  const dir = mkdtempSync(path.join(tmpdir(), 'mamori-sa-'));
  // spamd's children run as nobody and must read this configuration.
  chmodSync(dir, 0o755);
  for (const f of readdirSync('/etc/spamassassin').filter((x) => x.endsWith('.pre') || x.endsWith('.cf'))) copyFileSync(path.join('/etc/spamassassin', f), path.join(dir, f));
  writeFileSync(path.join(dir, 'zz-mamori-peers.pre'), 'loadplugin Mail::SpamAssassin::Plugin::FromNameSpoof\nloadplugin Mail::SpamAssassin::Plugin::OLEVBMacro\n');
  writeFileSync(
    path.join(dir, 'zz-mamori-peers.cf'),
    [
      'ifplugin Mail::SpamAssassin::Plugin::OLEVBMacro',
      'body OLEMACRO eval:check_olemacro()',
      'score OLEMACRO 2.5',
      'body OLEMACRO_MALICE eval:check_olemacro_malice()',
      'score OLEMACRO_MALICE 5.0',
      'body OLEMACRO_ENCRYPTED eval:check_olemacro_encrypted()',
      'score OLEMACRO_ENCRYPTED 1.0',
      'body OLEMACRO_ZIP_PW eval:check_olemacro_zip_password()',
      'score OLEMACRO_ZIP_PW 2.0',
      'endif',
      'dns_available no',
      '',
    ].join('\n'),
  );
  const child = spawn('/usr/sbin/spamd', ['-L', '-x', '--siteconfigpath', dir, '-i', '127.0.0.1', '-p', String(port), '-m', '1', '--min-children=1', '--max-children=1', '-u', 'nobody', '-s', path.join(dir, 'spamd.log')], { stdio: 'ignore' });
  if (!(await waitPort(port, 60))) {
    child.kill();
    return null;
  }
  return {
    name: 'SpamAssassin 4',
    check: (raw) => spamc(port, raw),
    stop: () => cleanup(child, dir),
  };
}

export async function startRspamd(staffNames: readonly string[], port = 21333): Promise<Peer | null> {
  const dir = mkdtempSync(path.join(tmpdir(), 'mamori-rspamd-'));
  const local = path.join(dir, 'local.d');
  mkdirSync(local);
  for (const sub of ['db', 'run', 'log']) mkdirSync(path.join(dir, sub));
  writeFileSync(path.join(local, 'worker-normal.inc'), `bind_socket = "127.0.0.1:${port}";\ncount = 1;\n`);
  writeFileSync(path.join(local, 'worker-controller.inc'), `bind_socket = "127.0.0.1:${port + 1}";\n`);
  writeFileSync(path.join(local, 'worker-proxy.inc'), `bind_socket = "127.0.0.1:${port + 2}";\n`);
  writeFileSync(path.join(local, 'worker-fuzzy.inc'), 'enabled = false;\n');
  writeFileSync(path.join(local, 'logging.inc'), `type = "file";\nfilename = "${path.join(dir, 'log', 'rspamd.log')}";\nlevel = "error";\n`);
  writeFileSync(path.join(local, 'options.inc'), 'dns {\n  nameserver = ["127.0.0.1:9"];\n  timeout = 0.1s;\n  retransmits = 0;\n}\n');
  writeFileSync(path.join(dir, 'staff-names.map'), `${staffNames.join('\n')}\n`);
  writeFileSync(path.join(local, 'multimap.conf'), `STAFF_DISPLAY_NAME {\n  type = "from";\n  filter = "email:name";\n  map = "${path.join(dir, 'staff-names.map')}";\n  score = 6.0;\n  description = "From display name is a staff name";\n}\n`);
  for (const off of ['rbl', 'surbl', 'phishing', 'fuzzy_check', 'asn', 'emails', 'dkim_signing', 'arc', 'greylist']) writeFileSync(path.join(local, `${off}.conf`), 'enabled = false;\n');
  const child: ChildProcess = spawn('/usr/bin/rspamd', ['-f', '-i', '-u', 'root', '-g', 'root', '-c', '/etc/rspamd/rspamd.conf', `--var=LOCAL_CONFDIR=${dir}`, `--var=DBDIR=${path.join(dir, 'db')}`, `--var=RUNDIR=${path.join(dir, 'run')}`, `--var=LOGDIR=${path.join(dir, 'log')}`], { stdio: 'ignore' });
  if (!(await waitPort(port, 60))) {
    child.kill();
    return null;
  }
  return {
    name: 'rspamd 3.4',
    check: async (raw) => {
      const res = await fetch(`http://127.0.0.1:${port}/checkv2`, { method: 'POST', body: raw });
      const j = (await res.json()) as { score?: number; action?: string; symbols?: Record<string, unknown> };
      // soft reject / greylist are temporary (DNS failures on a closed network), not a verdict.
      return { flagged: j.action === 'reject' || j.action === 'add header' || j.action === 'rewrite subject', score: j.score ?? 0, symbols: [...Object.keys(j.symbols ?? {}), `action:${j.action ?? 'none'}`] };
    },
    stop: () => cleanup(child, dir),
  };
}

/** Start both peers (installing them if needed); empty when none can run here. */
export async function startPeers(staffNames: readonly string[]): Promise<Peer[]> {
  if (process.env.BENCH_MAIL_PEERS === '0' || !ensureInstalled()) return [];
  const peers = [await startSpamAssassin(), await startRspamd(staffNames)];
  return peers.filter((p): p is Peer => p !== null);
}

/** Up to `perType` messages of every attack type and attachment class, and `legit` legitimate ones. */
export async function sampleMessages(mbox: string, labels: readonly InboundLabel[], perType: number, legit: number): Promise<Array<{ label: InboundLabel; raw: Buffer }>> {
  const counts = new Map<string, number>();
  const take = (k: string, max: number) => {
    const n = counts.get(k) ?? 0;
    if (n >= max) return false;
    counts.set(k, n + 1);
    return true;
  };
  const out: Array<{ label: InboundLabel; raw: Buffer }> = [];
  for await (const m of readMbox(mbox, 64 * 1024 * 1024)) {
    const label = labels[m.index];
    if (!label || m.status !== 'ok') continue;
    const keep = label.attack ? take(label.type, perType) || (label.attachment_class !== null && take(`class:${label.attachment_class}`, 3)) : take('legit', legit);
    if (keep) out.push({ label, raw: m.raw });
  }
  return out;
}

export async function runPeers(dir: string, labels: readonly InboundLabel[], mamori: (l: InboundLabel) => string, out: (s: string) => void): Promise<void> {
  const staffNames = readFileSync(path.join(dir, 'staff.csv'), 'utf8').split('\n').slice(1).map((l) => l.split(',')[0] ?? '').filter(Boolean);
  const peers = await startPeers(staffNames);
  if (peers.length === 0) {
    out('\npeers: skipped (SpamAssassin / rspamd could not be installed or started here)');
    return;
  }
  try {
    const sample = await sampleMessages(path.join(dir, 'inbound.mbox'), labels, 30, 300);
    const results = new Map<string, PeerVerdict[]>();
    for (const p of peers) {
      const vs: PeerVerdict[] = [];
      for (const s of sample) vs.push(await p.check(s.raw));
      results.set(p.name, vs);
    }
    out(`\npeers on a sample of the same messages (${sample.length}; flagged = SpamAssassin score ≥ 5 / rspamd action reject, add header or rewrite subject; Mamori = 危険)`);
    out(`${'type'.padEnd(24)} ${'n'.padStart(4)}  ${'Mamori'.padStart(7)}  ${peers.map((p) => p.name.padStart(15)).join('  ')}`);
    const keys = [...new Set(sample.map((s) => (s.label.attack ? s.label.type : 'legitimate (FP)')))].sort();
    for (const k of keys) {
      const idx = sample.map((s, i) => ((s.label.attack ? s.label.type : 'legitimate (FP)') === k ? i : -1)).filter((i) => i >= 0);
      const m = idx.filter((i) => mamori(sample[i]?.label as InboundLabel) === '危険').length;
      out(`${k.padEnd(24)} ${String(idx.length).padStart(4)}  ${(m / idx.length).toFixed(3).padStart(7)}  ${peers.map((p) => (idx.filter((i) => results.get(p.name)?.[i]?.flagged).length / idx.length).toFixed(3).padStart(15)).join('  ')}`);
    }
    for (const p of peers) {
      const sym = new Map<string, number>();
      for (const v of results.get(p.name) ?? []) for (const s of v.symbols) sym.set(s, (sym.get(s) ?? 0) + 1);
      out(`${p.name} most frequent symbols: ${[...sym].sort((a, b) => b[1] - a[1]).slice(0, 15).map(([s, n]) => `${s} ${n}`).join(', ')}`);
    }
  } finally {
    for (const p of peers) p.stop();
  }
}
