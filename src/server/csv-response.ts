import iconv from 'iconv-lite';

export type CsvEncoding = 'utf8' | 'sjis';

/**
 * CSV body in the encoding Excel expects: UTF-8 with BOM (default) or Shift_JIS (CP932) for older
 * Excel versions. Characters CP932 cannot hold become '?' — the UTF-8 file is the faithful one.
 */
export function csvResponse(text: string, filename: string, encoding: CsvEncoding): Response {
  const body = encoding === 'sjis' ? iconv.encode(text, 'cp932') : Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
  return new Response(new Uint8Array(body), {
    status: 200,
    headers: {
      'Content-Type': `text/csv; charset=${encoding === 'sjis' ? 'Shift_JIS' : 'utf-8'}`,
      'Content-Disposition': `attachment; filename="${filename}"`,
    },
  });
}
