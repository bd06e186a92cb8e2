import { ExternalHyperlink, ImageRun, Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun } from 'docx';
import { PNG_1PX } from '../../fixtures/tinyPng';
import { describe, expect, it } from 'vitest';
import { docxToRich } from '../../../main/services/import/docxToRich';
import { droppedInWords } from '../../../main/services/import/docxConvert';
import { richDocSchema, richToPlain } from '../../../shared/domain/richText';

describe('importing Word notes says what formatting it dropped, in words (issue 11)', () => {
  it('keeps tables and web links, and names pictures, links to files and unknown Word styles', async () => {
    const doc = new Document({
      styles: { paragraphStyles: [{ id: 'Minutes', name: 'Minutes', run: { bold: false } }] },
      sections: [
        {
          children: [
            new Paragraph({ style: 'Minutes', children: [new TextRun('Meeting minutes')] }),
            new Paragraph({ children: [new ImageRun({ type: 'png', data: PNG_1PX, transformation: { width: 10, height: 10 } })] }),
            new Paragraph({ children: [new TextRun('See '), new ExternalHyperlink({ link: 'https://example.org/policy', children: [new TextRun('the policy')] })] }),
            new Paragraph({ children: [new TextRun('Saved at '), new ExternalHyperlink({ link: 'file:///C:/Users/jblake/notes.docx', children: [new TextRun('my notes')] })] }),
            new Paragraph({ children: [new TextRun('Or '), new ExternalHyperlink({ link: 'javascript:alert(1)', children: [new TextRun('click')] })] }),
            new Table({
              rows: [
                new TableRow({ children: [new TableCell({ children: [new Paragraph('Date')] }), new TableCell({ children: [new Paragraph('What happened')] })] }),
                new TableRow({ children: [new TableCell({ children: [new Paragraph('3 May 2026')] }), new TableCell({ children: [new Paragraph({ children: [new TextRun({ text: 'Visit', bold: true }), new TextRun(' cancelled')] })] })] }),
              ],
            }),
          ],
        },
      ],
    });
    const { doc: rich, warnings } = await docxToRich(Buffer.from(await Packer.toBuffer(doc)));
    expect(richToPlain(rich)).toContain('the policy');
    // The table is a table: two rows of two cells, the formatting inside kept.
    const table = rich.content!.find((n) => n.type === 'table')!;
    expect(table.content!.map((row) => row.content!.map((cell) => richToPlain(cell)))).toEqual([
      ['Date', 'What happened'],
      ['3 May 2026', 'Visit cancelled'],
    ]);
    expect(JSON.stringify(table)).toContain('"marks":[{"type":"bold"}]');
    // The web link is a link; the file and the script links keep only their words.
    const linked = JSON.stringify(rich);
    expect(linked).toContain('"href":"https://example.org/policy"');
    expect(linked).not.toContain('file:');
    expect(linked).not.toContain('javascript');
    expect(richToPlain(rich)).toContain('Saved at my notes');
    // The result is a valid stored document.
    expect(richDocSchema.safeParse(rich).success).toBe(true);
    expect(warnings).toEqual(['1 picture', '2 links to files or places in the document (their words kept)', 'the Word style Minutes (kept as ordinary text)']);
  });

  it('puts several styles into one phrase and ignores mammoth messages about Word internals', () => {
    expect(
      droppedInWords({ pictures: 2, links: 0 }, [
        "Unrecognised paragraph style: 'Title' (Style ID: Title)",
        "Unrecognised paragraph style: 'Quote' (Style ID: Quote)",
        "Unrecognised run style: 'Title' (Style ID: TitleChar)",
        'An unrecognised element was ignored: v:shape',
      ]),
    ).toEqual(['2 pictures', 'the Word styles Title and Quote (kept as ordinary text)']);
  });
});
