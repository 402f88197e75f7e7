import { describe, expect, it } from 'vitest';
import { redactText, redactValue } from './redact.js';

describe('redaction', () => {
  it('scrubs e-mail, phone, My Number-like digits, postcodes and birth dates', () => {
    const text = 'mail yamada@example.jp tel 090-1234-5678 03-1234-5678 no 123456789012 〒123-4567 born 1970-03-02 S45.3.2';
    const out = redactText(text);
    for (const leak of ['yamada@example.jp', '090-1234-5678', '03-1234-5678', '123456789012', '123-4567', '1970-03-02', 'S45.3.2']) {
      expect(out).not.toContain(leak);
    }
  });
  it('drops sensitive keys whatever their value', () => {
    expect(redactValue({ password: 'x', nested: { patientName: '山田太郎', count: 3 } })).toEqual({
      password: '[redacted]',
      nested: { patientName: '[redacted]', count: 3 },
    });
  });
});
