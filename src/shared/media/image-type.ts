/** What a phone camera produces, recognised by the file's first bytes rather than its name. */
export function imageTypeOf(bytes: Uint8Array): { contentType: string; extension: string } | undefined {
  const ascii = (from: number, to: number) => String.fromCharCode(...bytes.subarray(from, to));
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff)
    return { contentType: 'image/jpeg', extension: 'jpg' };
  if (ascii(1, 4) === 'PNG') return { contentType: 'image/png', extension: 'png' };
  if (ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP')
    return { contentType: 'image/webp', extension: 'webp' };
  if (ascii(4, 8) === 'ftyp' && /^(heic|heix|mif1|msf1)$/.test(ascii(8, 12)))
    return { contentType: 'image/heic', extension: 'heic' };
  return undefined;
}
