import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { dkimSign } from 'mailauth';
import { authenticateRaw, type DNSResolver } from './mail-authentication.js';
import { MailAnalyzer } from './mail-analyzer.js';

const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const p = publicKey.export({ type: 'spki', format: 'der' }).toString('base64');

/** DNS for partner.example.com: a DKIM key, SPF allowing 192.0.2.10, DMARC p=reject. No network. */
const resolver: DNSResolver = (name, rrtype) => {
  const zone: Record<string, string[][]> = {
    'sel._domainkey.partner.example.com TXT': [[`v=DKIM1; k=rsa; p=${p}`]],
    'partner.example.com TXT': [['v=spf1 ip4:192.0.2.10 -all']],
    '_dmarc.partner.example.com TXT': [['v=DMARC1; p=reject']],
  };
  const hit = zone[`${name} ${rrtype}`];
  return hit ? Promise.resolve(hit) : Promise.reject(Object.assign(new Error('not found'), { code: 'ENOTFOUND' }));
};

const message = 'From: Suzuki <suzuki@partner.example.com>\r\nTo: yamada@hospital.example.jp\r\nSubject: test\r\nDate: Mon, 16 Nov 2026 10:00:00 +0900\r\nMessage-ID: <a1@partner.example.com>\r\n\r\nHello.\r\n';

async function signed(body = message): Promise<Buffer> {
  // The bundled typings put the key options at the top level; mailauth 4.13 reads them from signatureData.
  const { signatures } = await dkimSign(body, { signatureData: [{ signingDomain: 'partner.example.com', selector: 'sel', privateKey: pem }] } as unknown as Parameters<typeof dkimSign>[1]);
  return Buffer.from(signatures + body);
}

describe('mailauth with an injected resolver', () => {
  it('passes a signed message from an allowed IP', async () => {
    const r = await authenticateRaw(await signed(), resolver, { ip: '192.0.2.10', helo: 'mx.partner.example.com', sender: 'suzuki@partner.example.com' });
    expect(r).toMatchObject({ source: 'mailauth', spf: 'pass', dkim: 'pass', dmarc: 'pass' });
  });
  it('fails DKIM when the body was changed and DMARC when SPF and DKIM both fail', async () => {
    const tampered = Buffer.from((await signed()).toString().replace('Hello.', 'Hello, pay now.'));
    const r = await authenticateRaw(tampered, resolver, { ip: '198.51.100.7', helo: 'evil', sender: 'suzuki@partner.example.com' });
    expect(r).toMatchObject({ spf: 'fail', dkim: 'fail', dmarc: 'fail' });
  });
  it('turns the failures into reasons of the analysis', async () => {
    const analyzer = new MailAnalyzer({ staff: [], domains: ['hospital.example.jp'], resolver });
    const tampered = Buffer.from((await signed()).toString().replace('Hello.', 'Hello, pay now.'));
    const result = await analyzer.analyze(tampered, { ip: '198.51.100.7', sender: 'suzuki@partner.example.com' });
    expect(result?.analysis.reasons.map((x) => x.code)).toEqual(['dmarc_fail', 'dkim_fail']);
    const unsigned = await analyzer.analyze(Buffer.from(message));
    expect(unsigned?.analysis.reasons.map((x) => x.code)).toEqual([]);
  });
});
