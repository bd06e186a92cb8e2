import { describe, expect, it } from 'vitest';
import { pseudonymiser } from '../../../shared/documents/pseudonymise';
import { buildDocument } from '../../../shared/documents/build';
import { modelText } from '../../../shared/documents/model';
import { caseRecordSchema } from '../../../shared/domain/case';
import { buildDemoCase } from '../../../shared/domain/demoCase';
import type { Person } from '../../../shared/domain/investigation';

const person = (id: string, name: string, pseudonym: string, kind: Person['kind'] = 'staff'): Person => ({
  id, name, kind, role: '', organisation: '', pseudonym, actsForId: null, consentHeld: false, thirdParty: true,
});

describe('the pseudonymiser', () => {
  const fn = pseudonymiser([person('a', "Siobhan O'Brien", 'Social Worker 1'), person('b', 'Jo Li', 'Teacher 2'), person('c', 'Zoë Nowak', 'Ms N', 'complainant'), person('d', 'Anna de Vries', 'Carer 3')]);

  it('finds names however they were typed: curly apostrophes, missing or decomposed accents, any case', () => {
    expect(fn('Ms O’Brien said that Siobhan O’Brien visited; SIOBHAN agreed.')).toBe('Social Worker 1 said that Social Worker 1 visited; Social Worker 1 agreed.');
    expect(fn('Zoe Nowak wrote; Zoe came; Zoe\u0308 too; zoë again.')).toBe('Ms N wrote; Ms N came; Ms N too; Ms N again.');
  });

  it('replaces short given names standing alone, but not inside other words or name particles', () => {
    expect(fn('Jo told me. Joanna did not. Li agreed.')).toBe('Teacher 2 told me. Joanna did not. Teacher 2 agreed.');
    expect(fn('Anna de Vries, and later Ms de Vries, said de facto.')).toBe('Carer 3, and later Carer 3, said de facto.');
  });

  it('leaves text without names untouched, accents included', () => {
    expect(fn('Crème brûlée on 3 March — café.')).toBe('Crème brûlée on 3 March — café.');
  });
});

describe('letters to the complainant', () => {
  it('name the complainant and their own child, but not another child in the register', () => {
    const demo = buildDemoCase('2026-11-27');
    const r = caseRecordSchema.parse({
      ...demo,
      people: [...(demo.people ?? []), { id: 'person-sibling', name: 'Maisie Hale', kind: 'child', role: 'Foster sibling', pseudonym: 'Child B', thirdParty: true }],
      chronology: [...(demo.chronology ?? []), { id: 'chron-x', date: '2026-04-21', event: 'Maisie Hale told her carers about the move.', pointIds: ['point-1'], key: true }],
      points: (demo.points ?? []).map((p, i) => (i === 0 ? { ...p, summary: `${p.summary} Maisie Hale was also upset.` } : p)),
    });
    const t = modelText(buildDocument('statement-of-complaint', r, { today: '2026-11-27', variant: 'complainant', draft: { version: 1 } }));
    expect(t).toContain('Dear Zoë Ó Súilleabháin-Nowak');
    expect(t).toContain('Kieran was moved');
    expect(t).not.toContain('Maisie');
    expect(t).toContain('Child B was also upset');
  });
});

describe('third parties without a pseudonym', () => {
  it('are not described at all, while others appear by role', () => {
    const fn = pseudonymiser([
      { ...person('a', 'Greta Lind', ''), role: 'Neighbour', thirdParty: true },
      { ...person('b', 'Omar Haddad', ''), role: 'Social worker', thirdParty: false },
    ]);
    expect(fn('Greta Lind and Omar Haddad met.')).toBe('A third party and the social worker met.');
  });
});

describe('third parties without a pseudonym, in the documents', () => {
  it('are not described by their role either', () => {
    const demo = buildDemoCase('2026-11-27');
    const r = caseRecordSchema.parse({
      ...demo,
      people: [...(demo.people ?? []), { id: 'person-n', name: 'Greta Lind', kind: 'family', role: 'Neighbour across the road', pseudonym: '', thirdParty: true }],
      interviews: [...(demo.interviews ?? []), { id: 'interview-n', personId: 'person-n', date: '2026-11-20', mode: 'phone', status: 'held', pointIds: ['point-1'] }],
    });
    for (const kind of ['investigation-report', 'interview-record'] as const) {
      const t = modelText(buildDocument(kind, r, { today: '2026-11-27', variant: 'complainant', draft: null, interviewId: 'interview-n' }));
      expect(t).not.toContain('Neighbour');
      expect(t).not.toContain('Greta');
      const council = modelText(buildDocument(kind, r, { today: '2026-11-27', variant: 'council', draft: null, interviewId: 'interview-n' }));
      expect(council).toContain('Greta Lind');
      expect(council).toContain('Neighbour across the road');
    }
  });
});

describe('names that are ordinary words, in a whole document', () => {
  it('leave the case reference, dates and the report’s own words alone', () => {
    const demo = buildDemoCase('2026-05-12');
    const r = caseRecordSchema.parse({
      ...demo,
      reference: 'YOUNG-1',
      people: [...(demo.people ?? []), { id: 'p-y', name: 'Jordan Young', kind: 'staff', role: 'Social worker', pseudonym: 'Social Worker 2', thirdParty: true }, { id: 'p-m', name: 'May Fischer', kind: 'professional', role: 'Teacher', pseudonym: 'Teacher 2', thirdParty: true }],
      summary: 'Mr Young visited on 12 May 2026. Young people were asked in May.',
    });
    const m = buildDocument('investigation-report', r, { today: '2026-05-12', variant: 'complainant', draft: null });
    const t = modelText(m);
    expect(t).toContain('Case reference YOUNG-1');
    expect(t).toContain('Child or young person');
    expect(t).toContain('Social Worker 2 visited on 12 May 2026. Young people were asked in May.');
    expect(t).toContain('Date of this report 12 May 2026');
    expect(m.title).toBe('Investigation report: YOUNG-1');
  });
});
