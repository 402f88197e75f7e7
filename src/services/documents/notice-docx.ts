import { noticeToBlocks, type NoticeContent } from '../../core/incidents/public-notice.js';
import { renderDocx, renderHtml } from './docx-writer.js';

/** The notice as a Word document (A4, Mincho), ready for the hospital's letterhead. */
export function noticeToDocx(n: NoticeContent): Promise<Buffer> {
  return renderDocx(n.title, noticeToBlocks(n));
}

/** Printable HTML of the notice. */
export function noticeToHtml(n: NoticeContent): string {
  return renderHtml(n.title, noticeToBlocks(n));
}
