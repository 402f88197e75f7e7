/**
 * CSV writing (RFC 4180) for exports opened in Excel. Cells starting with = + - @ (or a tab / CR)
 * are prefixed with an apostrophe so a spreadsheet does not execute them as formulas.
 */
export function csvCell(value: unknown): string {
  let text = value === null || value === undefined ? '' : typeof value === 'string' ? value : JSON.stringify(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(values: readonly unknown[]): string {
  return `${values.map(csvCell).join(',')}\r\n`;
}
