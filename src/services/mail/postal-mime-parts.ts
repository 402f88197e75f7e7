/** Small adapters over postal-mime's shapes, shared by the scanner and the mail analysis. */

/** An attachment's content as a Buffer, whatever form postal-mime gave it. */
export function contentBuffer(c: string | ArrayBuffer | Uint8Array): Buffer {
  return typeof c === 'string' ? Buffer.from(c) : c instanceof ArrayBuffer ? Buffer.from(c) : Buffer.from(c.buffer, c.byteOffset, c.byteLength);
}

export interface MimeAddress {
  name?: string;
  address?: string;
  group?: MimeAddress[];
}

/** Address fields flattened, groups expanded; entries without an address are dropped. */
export function addressList(list: ReadonlyArray<MimeAddress | undefined>): Array<{ address: string; name: string }> {
  return list.flatMap((a) => (!a ? [] : a.group ? addressList(a.group) : a.address ? [{ address: a.address, name: a.name ?? '' }] : []));
}
