/**
 * Streaming mbox splitter (mboxo/mboxrd): messages are separated by lines starting "From ";
 * ">From " lines inside a message are unescaped. Memory is bounded by the largest message, and a
 * message over `maxBytes` is reported as too large (its bytes are skipped, not kept).
 */
import { createReadStream } from 'node:fs';

export type MboxMessage = { index: number; status: 'ok'; raw: Buffer } | { index: number; status: 'too_large'; raw: null };

const SEP = Buffer.from('\nFrom ');

function unescape(raw: Buffer): Buffer {
  // Drop the "From " envelope line and turn ">From " back into "From " (mboxrd).
  const text = raw.toString('latin1');
  const body = text.replace(/^From [^\n]*\n/, '').replace(/^>(>*From )/gm, '$1');
  return Buffer.from(body, 'latin1');
}

export async function* readMbox(file: string, maxBytes: number): AsyncGenerator<MboxMessage> {
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let oversize = false;
  let index = 0;
  let carry = Buffer.alloc(0);
  const flush = (): MboxMessage | null => {
    if (!oversize && pendingBytes === 0) return null;
    const msg: MboxMessage = oversize ? { index, status: 'too_large', raw: null } : { index, status: 'ok', raw: unescape(Buffer.concat(pending)) };
    index += 1;
    pending = [];
    pendingBytes = 0;
    oversize = false;
    return msg;
  };
  const push = (chunk: Buffer) => {
    if (oversize) return;
    pendingBytes += chunk.length;
    if (pendingBytes > maxBytes) {
      oversize = true;
      pending = [];
      return;
    }
    pending.push(chunk);
  };
  for await (const chunk of createReadStream(file)) {
    let buf = Buffer.concat([carry, chunk as Buffer]);
    for (;;) {
      const at = buf.indexOf(SEP);
      if (at < 0) break;
      push(buf.subarray(0, at + 1));
      const done = flush();
      if (done) yield done;
      buf = buf.subarray(at + 1);
    }
    // Keep a tail that might be the start of a separator split across chunks.
    const keep = Math.min(buf.length, SEP.length - 1);
    push(buf.subarray(0, buf.length - keep));
    carry = Buffer.from(buf.subarray(buf.length - keep));
  }
  push(carry);
  const last = flush();
  if (last) yield last;
}
