/** Pixel size of a PNG or JPEG from its header, to keep a logo's proportions in Word. */
export function imageSize(data: Buffer): { width: number; height: number } | null {
  if (data.length > 24 && data.readUInt32BE(0) === 0x89504e47) return { width: data.readUInt32BE(16), height: data.readUInt32BE(20) };
  if (data[0] === 0xff && data[1] === 0xd8) {
    let i = 2;
    while (i + 9 < data.length) {
      if (data[i] !== 0xff) return null;
      const marker = data[i + 1]!;
      const len = data.readUInt16BE(i + 2);
      // Start-of-frame markers carry the size (C0–CF except C4, C8, CC).
      if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
        return { height: data.readUInt16BE(i + 5), width: data.readUInt16BE(i + 7) };
      }
      i += 2 + len;
    }
  }
  return null;
}

/** Fits a box of at most maxW × maxH, keeping proportions. */
export function fitWithin(size: { width: number; height: number }, maxW: number, maxH: number): { width: number; height: number } {
  const k = Math.min(maxW / size.width, maxH / size.height, 1);
  return { width: Math.round(size.width * k), height: Math.round(size.height * k) };
}
