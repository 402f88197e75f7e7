const TYPES = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  html: 'text/html; charset=utf-8',
} as const;

export type DocumentFormat = keyof typeof TYPES;

/** A generated document: printable HTML shown inline, DOCX/xlsx downloaded; never cached (it may hold personal data). */
export function documentResponse(body: string | Uint8Array, format: DocumentFormat, filename: string, headers: Record<string, string> = {}): Response {
  return new Response(typeof body === 'string' ? body : new Uint8Array(body), {
    headers: {
      'Content-Type': TYPES[format],
      'Content-Disposition': `${format === 'html' ? 'inline' : 'attachment'}; filename="${filename}"`,
      'Cache-Control': 'no-store',
      ...headers,
    },
  });
}
