import { createRequire } from 'node:module';
import path from 'node:path';
import { PSTFile, type PSTFolder, type PSTMessage } from 'pst-extractor';
import { describe, expect, it } from 'vitest';
import { readPst } from '../../src/connectors/pst-reader.js';
import { messageAddresses } from '../../src/services/mail/message-addresses.js';
import { cli } from '../support/cli.js';

// The sample store shipped inside the pst-extractor package (public Enron corpus) — read from
// node_modules, never copied into this repository; the tests assert structure and counts only.
const PST = path.join(path.dirname(createRequire(import.meta.url).resolve('pst-extractor/package.json')), 'example', 'testdata', 'enron.pst');

/** An independent count: pst-extractor's own traversal of mail items. */
function mailItems(): number {
  const pst = new PSTFile(PST);
  let n = 0;
  const walk = (f: PSTFolder): void => {
    if (f.contentCount > 0) for (let c: unknown = f.getNextChild(); c; c = f.getNextChild()) if (/^IPM\.Note/i.test((c as PSTMessage).messageClass)) n += 1;
    if (f.hasSubfolders) f.getSubFolders().forEach(walk);
  };
  walk(pst.getRootFolder());
  pst.close();
  return n;
}

describe('Outlook data files (.pst)', () => {
  it('reads every mail item as an RFC 822 message with its addresses and date', async () => {
    const expected = mailItems();
    expect(expected).toBeGreaterThan(50);
    let n = 0;
    for await (const e of readPst(PST, 50 * 1024 * 1024)) {
      n += 1;
      expect(e.eml, e.item).not.toBeNull();
      const a = await messageAddresses(e.eml ?? Buffer.alloc(0));
      expect(a?.addresses.length, e.item).toBeGreaterThan(0);
      expect(a?.at, e.item).not.toBeNull();
    }
    expect(n).toBe(expected);
  });

  it('reports a message over the size limit instead of building it', async () => {
    const entries = [];
    for await (const e of readPst(PST, 200)) entries.push(e);
    expect(entries.length).toBe(mailItems());
    expect(entries.every((e) => e.eml === null)).toBe(true);
  });

  it('lists the correspondents of a PST mailbox, scans it and analyses it like an mbox', async () => {
    const expected = mailItems();
    const corr = await cli(['mail', 'correspondents', PST, '--json'], {});
    expect(corr.code).toBe(0);
    const lines = corr.out.split('\n');
    const summary = JSON.parse(lines.at(-1) ?? '{}') as { summary: { addresses: number; messages: number; unreadable: number } };
    expect(summary.summary).toMatchObject({ messages: expected, unreadable: 0 });
    expect(summary.summary.addresses).toBe(lines.length - 1);
    expect(summary.summary.addresses).toBeGreaterThan(10);

    const scan = await cli(['scan', PST, '--json'], {});
    expect(scan.code).toBe(0);
    const items = scan.out.split('\n').slice(0, -1).map((l) => JSON.parse(l) as { item: string });
    expect(items.length).toBe(expected);
    expect(items.every((i) => i.item.includes('enron.pst#'))).toBe(true);

    const analyze = await cli(['mail', 'analyze', PST, '--json', '--domain', 'enron.com'], {});
    expect(analyze.code).toBe(0);
    expect(analyze.out.split('\n').filter((l) => l.startsWith('{"item"')).length).toBe(expected);
  }, 60_000);
});
