import { ExternalHyperlink, ImageRun, Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun } from 'docx';
import { PNG_1PX } from '../../fixtures/tinyPng';
import { describe, expect, it } from 'vitest';
import { docxToRich } from '../../../main/services/import/docxToRich';
import { droppedInWords } from '../../../main/services/import/docxConvert';
import { richToPlain } from '../../../shared/domain/richText';

describe('importing Word notes says what formatting it dropped, in words (issue 11)', () => {
  it('names pictures, tables, links and unknown Word styles', async () => {
    const doc = new Document({
      styles: { paragraphStyles: [{ id: 'Minutes', name: 'Minutes', run: { bold: false } }] },
      sections: [
        {
          children: [
            new Paragraph({ style: 'Minutes', children: [new TextRun('Meeting minutes')] }),
            new Paragraph({ children: [new ImageRun({ type: 'png', data: PNG_1PX, transformation: { width: 10, height: 10 } })] }),
            new Paragraph({ children: [new TextRun('See '), new ExternalHyperlink({ link: 'https://example.org/policy', children: [new TextRun('the policy')] })] }),
            new Table({ rows: [new TableRow({ children: [new TableCell({ children: [new Paragraph('Date')] }), new TableCell({ children: [new Paragraph('What happened')] })] })] }),
          ],
        },
      ],
    });
    const { doc: rich, warnings } = await docxToRich(Buffer.from(await Packer.toBuffer(doc)));
    expect(richToPlain(rich)).toContain('the policy');
    expect(richToPlain(rich)).toContain('Date | What happened');
    expect(warnings).toEqual(['1 picture', '1 table (kept as one paragraph per row)', '1 link (their words kept)', 'the Word style Minutes (kept as ordinary text)']);
  });

  it('puts several styles into one phrase and ignores mammoth messages about Word internals', () => {
    expect(
      droppedInWords({ pictures: 2, tables: 0, links: 0 }, [
        "Unrecognised paragraph style: 'Title' (Style ID: Title)",
        "Unrecognised paragraph style: 'Quote' (Style ID: Quote)",
        "Unrecognised run style: 'Title' (Style ID: TitleChar)",
        'An unrecognised element was ignored: v:shape',
      ]),
    ).toEqual(['2 pictures', 'the Word styles Title and Quote (kept as ordinary text)']);
  });
});
