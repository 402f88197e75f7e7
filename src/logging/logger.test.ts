import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from './logger.js';

describe('redacting logger', () => {
  it('never writes personal data, secrets or error text containing them', () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const log = createLogger('info', sink);
    log.info({ password: 'hunter2-hunter2', email: 'yamada@example.jp', count: 3 }, 'login for yamada@example.jp tel 090-1234-5678');
    log.error({ err: new Error('duplicate key 123456789012 for 田中 born 1970-03-02') }, 'import failed');
    const out = lines.join('');
    for (const leak of ['hunter2', 'yamada@example.jp', '090-1234-5678', '123456789012', '1970-03-02']) expect(out).not.toContain(leak);
    expect(out).toContain('"count":3');
    expect(out).toContain('import failed');
  });
});
