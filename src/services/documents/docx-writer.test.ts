import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { renderDocx, renderHtml } from './docx-writer.js';

describe('document writer', () => {
  it('HTML escapes everything it prints', () => {
    const html = renderHtml('<t>', [{ kind: 'text', text: '<script>alert(1)</script>' }, { kind: 'table', header: ['a&b'], rows: [['"x"']] }]);
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;');
    expect(html).toContain('a&amp;b');
  });
  it('DOCX is a valid OOXML package holding the text', async () => {
    const buf = await renderDocx('t', [{ kind: 'title', text: '表題' }, { kind: 'pageBreak' }, { kind: 'text', text: '一行目\n二行目', align: 'right' }]);
    const zip = await JSZip.loadAsync(buf);
    const xml = (await zip.file('word/document.xml')?.async('string')) ?? '';
    expect(xml).toContain('表題');
    expect(xml).toContain('二行目');
    expect(xml).toContain('w:pageBreakBefore');
  });
});
