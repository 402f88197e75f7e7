import { describe, expect, it } from 'vitest';
import { parseAuthenticationResults } from './authentication-results.js';

describe('Authentication-Results', () => {
  const mta = 'mx.hospital.example.jp; spf=pass smtp.mailfrom=a@b.example; dkim=fail header.d=b.example; dmarc=fail (p=reject) header.from=b.example';
  const forged = 'mx.hospital.example.jp.evil; spf=pass; dkim=pass; dmarc=pass';
  it('reads only the trusted authserv-id when one is configured', () => {
    expect(parseAuthenticationResults([forged, mta], ['mx.hospital.example.jp'])).toMatchObject({ source: 'mta_header', authservId: 'mx.hospital.example.jp', spf: 'pass', dkim: 'fail', dmarc: 'fail', arc: null });
    expect(parseAuthenticationResults([forged], ['mx.hospital.example.jp'])).toBeNull();
  });
  it('reads only the topmost header without configuration, and nothing from a header without results', () => {
    expect(parseAuthenticationResults([mta, forged], [])?.dmarc).toBe('fail');
    expect(parseAuthenticationResults(['mx; none'], [])).toBeNull();
    expect(parseAuthenticationResults([], [])).toBeNull();
  });
});
