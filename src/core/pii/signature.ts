/**
 * Mail signatures are not third-party personal data: the sender's own name, title and phone at the
 * end of a message are removed before scanning. Rule: the block after the last signature delimiter
 * ("-- ", a line of 4+ ─━=-_＿ or ――) within the last 20 lines is dropped.
 */
export function stripSignature(body: string): string {
  const lines = body.split(/\r?\n/);
  const from = Math.max(0, lines.length - 20);
  for (let i = lines.length - 1; i >= from; i -= 1) {
    const l = (lines[i] ?? '').trim();
    if (l === '--' || /^[-─━=_＿―]{4,}$/.test(l) || /^[*＊]{4,}$/.test(l)) return lines.slice(0, i).join('\n');
  }
  return body;
}
