import { AlignmentType, Document, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import type { NoticeContent } from '../../core/incidents/public-notice.js';

const FONT = 'MS Mincho';

function lines(text: string, alignment?: (typeof AlignmentType)[keyof typeof AlignmentType]): Paragraph[] {
  return text.split('\n').map((l) => new Paragraph({ ...(alignment ? { alignment } : {}), children: [new TextRun({ text: l, font: FONT })] }));
}

/** The notice as a Word document (A4, Mincho), ready for the hospital's letterhead. */
export async function noticeToDocx(n: NoticeContent): Promise<Buffer> {
  const children: Array<Paragraph | Table> = [
    ...lines(n.dateText, AlignmentType.RIGHT),
    ...lines(n.addressee),
    ...lines(n.sender, AlignmentType.RIGHT),
    new Paragraph({ heading: HeadingLevel.TITLE, alignment: AlignmentType.CENTER, children: [new TextRun({ text: n.title, font: FONT, bold: true })] }),
    ...lines(n.preamble),
    new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: '記', font: FONT })] }),
  ];
  n.sections.forEach((s, i) => {
    children.push(new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun({ text: `${i + 1}. ${s.heading}`, font: FONT, bold: true })] }));
    children.push(...lines(s.body));
  });
  if (n.annex.length > 0) {
    children.push(new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun({ text: '別表　経緯', font: FONT, bold: true })] }));
    const cell = (text: string, bold = false) => new TableCell({ children: [new Paragraph({ children: [new TextRun({ text, font: FONT, bold })] })] });
    children.push(
      new Table({
        width: { size: 100, type: WidthType.PERCENTAGE },
        rows: [new TableRow({ tableHeader: true, children: [cell('日時', true), cell('事象', true)] }), ...n.annex.map((r) => new TableRow({ children: [cell(r.when), cell(r.text)] }))],
      }),
    );
  }
  children.push(...lines(n.closing), ...lines('以上', AlignmentType.RIGHT));
  const doc = new Document({
    creator: 'Mamori',
    title: n.title,
    sections: [{ properties: { page: { size: { width: 11906, height: 16838 } } }, children }],
  });
  return Packer.toBuffer(doc);
}
