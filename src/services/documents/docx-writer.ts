import { AlignmentType, Document, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';

import type { DocBlock } from '../../core/document-blocks.js';

type Block = DocBlock;

const FONT = 'MS Mincho';

function paragraphs(text: string, align?: 'left' | 'right' | 'center', pageBreakBefore = false): Paragraph[] {
  const alignment = align === 'right' ? AlignmentType.RIGHT : align === 'center' ? AlignmentType.CENTER : undefined;
  return text.split('\n').map(
    (line, i) => new Paragraph({ ...(alignment ? { alignment } : {}), pageBreakBefore: pageBreakBefore && i === 0, children: [new TextRun({ text: line, font: FONT })] }),
  );
}

/** Render blocks to a .docx (A4, Mincho). */
export async function renderDocx(title: string, blocks: readonly Block[]): Promise<Buffer> {
  const children: Array<Paragraph | Table> = [];
  let breakNext = false;
  const cell = (text: string, bold = false) => new TableCell({ children: [new Paragraph({ children: [new TextRun({ text, font: FONT, bold })] })] });
  for (const b of blocks) {
    switch (b.kind) {
      case 'title':
        children.push(new Paragraph({ heading: HeadingLevel.TITLE, alignment: AlignmentType.CENTER, pageBreakBefore: breakNext, children: [new TextRun({ text: b.text, font: FONT, bold: true })] }));
        break;
      case 'heading':
        children.push(new Paragraph({ heading: HeadingLevel.HEADING_2, pageBreakBefore: breakNext, children: [new TextRun({ text: b.text, font: FONT, bold: true })] }));
        break;
      case 'text':
        children.push(...paragraphs(b.text, b.align, breakNext));
        break;
      case 'table':
        children.push(
          new Table({
            width: { size: 100, type: WidthType.PERCENTAGE },
            rows: [new TableRow({ tableHeader: true, children: b.header.map((h) => cell(h, true)) }), ...b.rows.map((r) => new TableRow({ children: r.map((c) => cell(c)) }))],
          }),
        );
        break;
      case 'pageBreak':
        breakNext = true;
        continue;
    }
    breakNext = false;
  }
  const doc = new Document({ creator: 'Mamori', title, sections: [{ properties: { page: { size: { width: 11906, height: 16838 } } }, children }] });
  return Packer.toBuffer(doc);
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}

/** Render blocks to self-contained printable HTML (no scripts, no external resources). */
export function renderHtml(title: string, blocks: readonly Block[]): string {
  const body = blocks
    .map((b) => {
      switch (b.kind) {
        case 'title':
          return `<h1>${escapeHtml(b.text)}</h1>`;
        case 'heading':
          return `<h2>${escapeHtml(b.text)}</h2>`;
        case 'text':
          return b.text
            .split('\n')
            .map((l) => `<p${b.align && b.align !== 'left' ? ` class="${b.align}"` : ''}>${escapeHtml(l)}</p>`)
            .join('');
        case 'table':
          return `<table><thead><tr>${b.header.map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr></thead><tbody>${b.rows.map((r) => `<tr>${r.map((c) => `<td>${escapeHtml(c)}</td>`).join('')}</tr>`).join('')}</tbody></table>`;
        case 'pageBreak':
          return '<div class="page-break"></div>';
      }
    })
    .join('');
  return `<!doctype html><html lang="ja"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title><style>
@page { size: A4; margin: 20mm; } body { font-family: serif; line-height: 1.8; max-width: 48em; margin: auto; }
.right { text-align: right; } .center { text-align: center; } h1 { font-size: 1.3em; text-align: center; } h2 { font-size: 1.05em; margin-top: 1.2em; }
table { border-collapse: collapse; width: 100%; } td, th { border: 1px solid #444; padding: 4px 8px; vertical-align: top; }
.page-break { page-break-after: always; break-after: page; }
</style></head><body>${body}</body></html>`;
}
