import zlib from 'node:zlib';
import { mb, type ReadLimits } from './limits';
import { Refusal } from './zipCheck';

/**
 * A PDF's compressed streams can inflate a thousandfold: a 300 KB page can unpack to 300 MB of drawing
 * instructions. Before pdf.js reads the text, every Flate stream it would inflate (page contents, fonts,
 * object streams; pictures are never decoded for text) is inflated here with a ceiling. Streams that fail to
 * inflate are left to pdf.js, which reports damage in its own way.
 */
export function checkPdfStreams(data: Buffer, limits: ReadLimits, subject: string, outcome: string): void {
  const bomb = (limit: number, what: string) =>
    new Refusal(`${subject} has ${what} that unpack${what.startsWith('a ') ? 's' : ''} to more than ${mb(limit)} (it may be damaged or built to cause harm), so ${outcome}; open it in a PDF reader, print it to a new PDF and use that copy.`);
  let total = 0;
  let pos = 0;
  for (;;) {
    const at = data.indexOf('stream', pos, 'latin1');
    if (at < 0) return;
    pos = at + 6;
    if (at >= 3 && data.toString('latin1', at - 3, at) === 'end') continue;
    let start = at + 6;
    if (data[start] === 0x0d) start++;
    if (data[start] === 0x0a) start++;
    if (start === at + 6) continue; // "stream" not followed by an end of line: not the keyword
    const end = data.indexOf('endstream', start, 'latin1');
    if (end < 0) return;
    pos = end + 9;
    const dictFrom = Math.max(0, at - 4096, data.lastIndexOf('obj', at, 'latin1'));
    const dict = data.toString('latin1', dictFrom, at);
    if (!/\/(FlateDecode|Fl)\b/.test(dict) || /\/Subtype\s*\/Image\b/.test(dict)) continue;
    let size: number;
    try {
      size = zlib.inflateSync(data.subarray(start, end), { maxOutputLength: limits.maxPdfStreamBytes, finishFlush: zlib.constants.Z_SYNC_FLUSH }).length;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') throw bomb(limits.maxPdfStreamBytes, 'a compressed part');
      continue;
    }
    total += size;
    if (total > limits.maxPdfStreamsTotalBytes) throw bomb(limits.maxPdfStreamsTotalBytes, 'compressed parts');
  }
}
