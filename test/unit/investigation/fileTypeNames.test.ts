import { describe, expect, it } from 'vitest';
import { detectKind } from '../../../main/services/attachments/fileTypes';

describe('file names that are also names of JavaScript object properties (found by the fuzz suite)', () => {
  it.each(['constructor', 'toString', '__proto__', 'notes.hasOwnProperty', 'valueOf'])('%s is refused as a kind the register does not take', (name) => {
    expect(detectKind(name, Buffer.from('some text'))).toBe(
      `${name} is not a kind of file the evidence register takes; add PDFs, Word (.docx) files, e-mails saved as .eml, text files or PNG, JPEG or GIF images.`,
    );
  });
});
