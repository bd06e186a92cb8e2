import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldName } from '../../../shared/documents/fold';
import { pseudonymiser } from '../../../shared/documents/pseudonymise';
import type { Run } from '../../../shared/documents/model';
import type { Person } from '../../../shared/domain/investigation';

const person = (id: string, name: string, pseudonym: string, extra: Partial<Person> = {}): Person => ({
  id, name, kind: 'staff', role: '', organisation: '', pseudonym, actsForId: null, consentHeld: false, thirdParty: true, ...extra,
});

const mary = person('mary', "Mary O'Neill", 'Parent 2', { kind: 'family' });
const lucja = person('lucja', 'Łucja Wójcik', 'Teacher 3');
const ilkay = person('ilkay', 'İlkay Yılmaz', 'Nurse 1');
const giorgos = person('giorgos', 'Γιώργος Παπαδόπουλος', 'Doctor 1');
const hans = person('hans', 'Hans Strauß', 'Carer 4');
const anna = person('anna', 'Anna Smith-Jones', 'Social Worker 2');
const jordanS = person('jordan-s', 'Jordan Smith', 'Manager 1');

describe('folding', () => {
  it('folds the letters people leave out or type differently', () => {
    expect(foldName('Łucja')).toBe(foldName('LUCJA'));
    expect(foldName('İlkay Yılmaz')).toBe(foldName('ILKAY YILMAZ'));
    expect(foldName('Strauß')).toBe(foldName('STRAUSS'));
    expect(foldName('ΠΑΠΑΔΟΠΟΥΛΟΣ')).toBe(foldName('Παπαδόπουλος'));
    expect(foldName('O’Neill')).toBe(foldName("O'Neill"));
    expect(foldName('Smith–Jones')).toBe(foldName('Smith-Jones'));
    expect(foldName('Zoe\u0308')).toBe(foldName('zoë'));
    expect(foldName('ﬁnn')).toBe(foldName('Finn'));
  });
});

describe('the pseudonymiser finds names as people really write them', () => {
  const fn = pseudonymiser([mary, lucja, ilkay, giorgos, hans, anna, jordanS]);

  it('without apostrophes, accents or special letters, in capitals', () => {
    expect(fn('ONEILL called; Mrs ONeill wrote; Mrs O’Neill’s letter; mary o neill.')).toBe('Parent 2 called; Parent 2 wrote; Parent 2’s letter; Parent 2.');
    expect(fn('Lucja and LUCJA; Wojcik.')).toBe('Teacher 3 and Teacher 3; Teacher 3.');
    expect(fn('Yilmaz, YILMAZ, Ilkay, İLKAY and ILKAY YILMAZ.')).toBe('Nurse 1, Nurse 1, Nurse 1, Nurse 1 and Nurse 1.');
    expect(fn('ΠΑΠΑΔΟΠΟΥΛΟΣ and Dr Παπαδοπουλος.')).toBe('Doctor 1 and Doctor 1.');
    expect(fn('Mr STRAUSS and Hans Strauss.')).toBe('Carer 4 and Carer 4.');
  });

  it('across formatting runs, keeping the formatting around the name', () => {
    const runs: Run[] = [{ text: 'Then Mrs O’' }, { text: 'Neill', bold: true }, { text: ' met Smi' }, { text: 'th-Jones', italic: true }, { text: '.' }];
    const out = fn.runs(runs);
    expect(out.map((r) => r.text).join('')).toBe('Then Parent 2 met Social Worker 2.');
    expect(out.find((r) => r.bold)?.text ?? '').not.toMatch(/Neill/);
    expect(out.some((r) => /Smi|Jones|Neill/.test(r.text))).toBe(false);
  });

  it('by initials and by initial and surname', () => {
    expect(fn('J.S. agreed; J. S. wrote; JS phoned; J. Smith came.')).toBe('Manager 1 agreed; Manager 1 wrote; Manager 1 phoned; Manager 1 came.');
    expect(fn('The js file and the JSON.')).toBe('The js file and the JSON.');
  });
});

describe('the pseudonymiser does not garble the text', () => {
  const zoe = person('zoe', 'Zoë Ó Súilleabháin-Nowak', 'Ms N', { kind: 'complainant', thirdParty: false });
  const kieran = person('kieran', 'Kieran Nowak', 'Child A', { kind: 'child', thirdParty: false });
  const lily = person('lily', 'Lily Nowak', '', { kind: 'child', role: 'Sibling' });

  it('never replaces part of a named person’s name', () => {
    const letter = pseudonymiser([lily], { named: [zoe, kieran] });
    expect(letter('Dear Zoë Ó Súilleabháin-Nowak, Kieran Nowak and Lily Nowak visited.')).toBe('Dear Zoë Ó Súilleabháin-Nowak, Kieran Nowak and a third party visited.');
  });

  it('gives each person their own pseudonym and does not guess between two with one surname', () => {
    const report = pseudonymiser([zoe, kieran, lily]);
    const out = report('Kieran Nowak and Lily Nowak; the Nowak family; Mrs Nowak; Ms Ó Súilleabháin-Nowak.');
    expect(out).toBe('Child A and a third party; the [name removed] family; [name removed]; Ms N.');
    const twins = pseudonymiser([person('a', 'Omar Haddad', '', { role: 'Social worker', thirdParty: false }), person('b', 'Rania Haddad', '', { role: 'Social worker', thirdParty: false })]);
    expect(twins('Omar Haddad and Rania Haddad met.')).toBe('The social worker (1) and the social worker (2) met.');
  });

  it('leaves ordinary words, dates and the case reference alone, unless capitalised mid-sentence or with a title', () => {
    const fn = pseudonymiser([person('j', 'Jordan Young', 'Social Worker 1'), person('m', 'May Fischer', 'the Designated Teacher'), person('h', 'Hope Will', 'Carer 5')], { protect: ['YOUNG-1'] });
    expect(fn('Child or young person')).toBe('Child or young person');
    expect(fn('On 12 May 2026, in May, by May 2026 and 1st May. May I ask?')).toBe('On 12 May 2026, in May, by May 2026 and 1st May. May I ask?');
    expect(fn('Case YOUNG-1: Young people said I hope it will rain.')).toBe('Case YOUNG-1: Young people said I hope it will rain.');
    expect(fn('Mr Young and Ms May met Jordan Young; they told Young and Fischer, then Hope.')).toBe('Social Worker 1 and the Designated Teacher met Social Worker 1; they told Social Worker 1 and the Designated Teacher, then Carer 5.');
    expect(fn('Between April and May, and from 3 to May 12; Mr Young and May agreed.')).toBe('Between April and May, and from 3 to May 12; Social Worker 1 and the Designated Teacher agreed.');
  });

  it('never takes a number for a name', () => {
    const fn = pseudonymiser([person('n', 'Person 3-13', 'Witness 3')]);
    expect(fn('The statement has 13 points and 3 parts; Person 3-13 agreed.')).toBe('The statement has 13 points and 3 parts; Witness 3 agreed.');
  });

  it('starts a sentence with a capital', () => {
    const fn = pseudonymiser([person('g', 'Mary Hale', 'the grandmother')]);
    expect(fn('Mary Hale rang. Mary Hale wrote; Mary Hale’s note.')).toBe('The grandmother rang. The grandmother wrote; the grandmother’s note.');
  });

  it('never replaces part of a word', () => {
    const fn = pseudonymiser([person('jo', 'Jo Lee', 'Teacher 2'), person('s', 'Sam Ali', 'Nurse 2')]);
    expect(fn('Joanna from Leeds met Samantha and Alison; Jo and Lee did not.')).toBe('Joanna from Leeds met Samantha and Alison; Teacher 2 and Teacher 2 did not.');
  });
});

/** An independent oracle: each word of the output, folded simply, against each name part. */
const simpleFold = (s: string) =>
  s.normalize('NFKD').replace(/\p{M}/gu, '').replace(/ł/gi, 'l').replace(/ı/g, 'i').replace(/ß/g, 'ss').replace(/ς/g, 'σ').replace(/['’‘ʼ]/g, '').toLowerCase();

describe('whatever the spelling (property)', () => {
  const given = ['Łucja', 'İlkay', 'Siân', 'Nguyễn', 'Ștefan', 'Γιώργος', 'Ольга', 'Zoë', 'Seán', 'Bartłomiej'];
  const family = ['Wójcik', 'Yılmaz', 'Llŷr', 'Hương', 'Popescu', 'Παπαδόπουλος', 'Петрова', "O'Neill", 'Ó Súilleabháin', 'Smith-Jones', 'Strauß'];
  const variants = (s: string) => fc.constantFrom(s, s.toUpperCase(), s.toLowerCase(), s.normalize('NFD'), s.normalize('NFD').replace(/\p{M}/gu, ''), s.replace(/'/g, ''), s.replace(/'/g, '’'), s.replace(/-/g, '–'));
  it('leaves none of the name in the text', () => {
    fc.assert(
      fc.property(fc.constantFrom(...given), fc.constantFrom(...family), fc.nat(3), (g, f, form) =>
        fc.assert(
          fc.property(variants(g), variants(f), (gv, fv) => {
            const fn = pseudonymiser([person('p', `${g} ${f}`, 'Witness 9')]);
            const written = [`${gv} ${fv}`, `Mrs ${fv}`, `${fv}'s`, `${gv}`][form]!;
            const out = fn(`On 3 March ${written} said so.`);
            const parts = `${g} ${f}`.split(/[\s-]+/).filter((p) => simpleFold(p).length >= 2 && !['o', 'ó'].includes(p.toLowerCase()));
            const outWords = out.split(/[^\p{L}\p{M}'’]+/u).map(simpleFold);
            for (const p of parts) expect(outWords, `${written} → ${out}`).not.toContain(simpleFold(p));
            expect(out).toMatch(/^On 3 March Witness 9/);
          }),
          { numRuns: 8 },
        ),
      ),
      { numRuns: 40 },
    );
  });
});

describe('names that are also ordinary words (issue 10)', () => {
  it('lists the words of a name that the register should warn about', async () => {
    const { commonWordsIn } = await import('../../../shared/documents/names');
    expect(commonWordsIn('May Fischer')).toEqual(['May']);
    expect(commonWordsIn('Jordan Young')).toEqual(['Young']);
    expect(commonWordsIn('Hope Rose-Hill')).toEqual(['Hope', 'Rose', 'Hill']);
    expect(commonWordsIn('Łucja Wójcik')).toEqual([]);
    expect(commonWordsIn('Zoë Ó Súilleabháin-Nowak')).toEqual([]);
  });
});
