import fc from 'fast-check';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { unzip, zip } from '../../../main/services/documents/zip';

describe('the zip writer and reader of Word files (issue 15)', () => {
  it('writes archives JSZip reads back byte for byte, and reads them back itself', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(fc.record({ name: fc.stringMatching(/^([a-z0-9_-]{1,8}\/){0,2}[a-z0-9_-]{1,8}\.xml$/), data: fc.oneof(fc.string({ unit: 'grapheme' }), fc.uint8Array({ maxLength: 2000 }).map((a) => Buffer.from(a))) }), { selector: (e) => e.name, maxLength: 6 }),
        async (entries) => {
          const data = zip(entries);
          const theirs = await JSZip.loadAsync(data);
          const ours = unzip(data);
          for (const e of entries) {
            const want = typeof e.data === 'string' ? Buffer.from(e.data, 'utf8') : e.data;
            expect(Buffer.from(await theirs.file(e.name)!.async('uint8array'))).toEqual(want);
            expect(ours.get(e.name)).toEqual(want);
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it('reads archives other tools wrote (JSZip, deflated and stored)', async () => {
    const z = new JSZip();
    z.file('word/document.xml', '<w:document>Zoë Łucja</w:document>'.repeat(50), { compression: 'DEFLATE' });
    z.file('word/media/logo.png', Buffer.from([1, 2, 3]), { compression: 'STORE' });
    const parts = unzip(await z.generateAsync({ type: 'nodebuffer' }));
    expect(parts.get('word/document.xml')!.toString('utf8')).toBe('<w:document>Zoë Łucja</w:document>'.repeat(50));
    expect([...parts.get('word/media/logo.png')!]).toEqual([1, 2, 3]);
  });

  it('refuses a bomb and a damaged archive instead of inflating them', () => {
    const bomb = zip([{ name: 'word/document.xml', data: Buffer.alloc(2 * 1024 * 1024) }]);
    expect(bomb.length).toBeLessThan(10_000);
    expect(() => unzip(bomb, 1024 * 1024)).toThrow();
    expect(unzip(bomb).get('word/document.xml')!.length).toBe(2 * 1024 * 1024);
    expect(() => unzip(Buffer.from('not a zip at all, just some words'))).toThrow();
    const cut = zip([{ name: 'a.xml', data: 'x'.repeat(5000) }]);
    expect(() => unzip(Buffer.concat([cut.subarray(0, 20), cut.subarray(cut.length - 22)]))).toThrow();
  });
});
