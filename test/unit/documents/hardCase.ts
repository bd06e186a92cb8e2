import { caseRecordSchema, type CaseRecord } from '../../../shared/domain/case';
import { buildDemoCase } from '../../../shared/domain/demoCase';

const TODAY = '2026-11-27';

/** Names as people are really called, and text written about them the way notes are really written. */
export function hardCase(): CaseRecord {
  const demo = buildDemoCase(TODAY);
  const extra = [
    { id: 'p-mary', name: "Mary O'Neill", kind: 'family', role: 'Grandmother', pseudonym: 'the grandmother', thirdParty: true },
    { id: 'p-lucja', name: 'Łucja Wójcik', kind: 'professional', role: 'Teacher', pseudonym: 'Teacher 2', thirdParty: true },
    { id: 'p-ilkay', name: 'İlkay Yılmaz', kind: 'professional', role: 'School nurse', pseudonym: 'the school nurse', thirdParty: true },
    { id: 'p-giorgos', name: 'Γιώργος Παπαδόπουλος', kind: 'professional', role: 'Paediatrician', pseudonym: 'Doctor 1', thirdParty: true },
    { id: 'p-huong', name: 'Nguyễn Thị Hương', kind: 'family', role: 'Neighbour', pseudonym: '', thirdParty: true },
    { id: 'p-sian', name: 'Siân Llŷr', kind: 'staff', role: 'Family support worker', pseudonym: 'Family Support Worker 1', thirdParty: true },
    { id: 'p-stefan', name: 'Ștefan Popescu', kind: 'staff', role: 'Duty worker', pseudonym: 'Duty Worker 1', thirdParty: true },
    { id: 'p-lily', name: 'Lily Nowak', kind: 'child', role: 'Sibling', pseudonym: '', thirdParty: true },
    { id: 'p-young', name: 'Jordan Young', kind: 'staff', role: 'Social worker', pseudonym: 'Social Worker 2', thirdParty: true },
    { id: 'p-may', name: 'May Fischer', kind: 'professional', role: 'Virtual school head', pseudonym: 'the Virtual School Head', thirdParty: true },
    { id: 'p-anna', name: 'Anna Smith-Jones', kind: 'staff', role: 'IRO', pseudonym: 'the IRO', thirdParty: true },
    { id: 'p-js', name: 'Jakub Sadowski', kind: 'staff', role: 'Senior practitioner', pseudonym: 'Senior Practitioner 1', thirdParty: true },
    { id: 'p-hans', name: 'Hans Strauß', kind: 'family', role: 'Uncle', pseudonym: 'the uncle', thirdParty: true },
    { id: 'p-hope', name: 'Hope Rose', kind: 'professional', role: 'Health visitor', pseudonym: 'Health Visitor 1', thirdParty: true },
  ];
  const notes = (parts: { text: string; bold?: boolean; italic?: boolean }[]) => ({
    type: 'doc',
    content: [{ type: 'paragraph', content: parts.map((p) => ({ type: 'text', text: p.text, ...(p.bold || p.italic ? { marks: [...(p.bold ? [{ type: 'bold' }] : []), ...(p.italic ? [{ type: 'italic' }] : [])] } : {}) })) }],
  });
  const r = caseRecordSchema.parse({
    ...demo,
    summary:
      'ONEILL rang twice; Mrs ONeill’s note is on file. LUCJA and Lucja Wojcik spoke to YILMAZ, then Ilkay. ΠΑΠΑΔΟΠΟΥΛΟΣ examined the child on 12 May 2026. Nguyen Thi Huong (next door) and Sian Llyr visited; Stefan Popescu was on duty. ' +
      'Kieran Nowak and Lily Nowak were seen together. J.S. and J. Sadowski signed off. Young people in care were consulted in May 2026; Jordan Young, Mr Young and later Young agreed. Ms Fischer and May agreed. Hans Strauss wrote. I hope Hope Rose can help.',
    people: [...(demo.people ?? []), ...extra],
    findings: {
      ...(demo.findings ?? {}),
      'point-1': {
        ...((demo.findings ?? {})['point-1'] ?? {}),
        staffSay: notes([{ text: 'Mrs O’' }, { text: 'Neill', bold: true }, { text: ' and Smi' }, { text: 'th-Jones', italic: true }, { text: ' said Strauß’s visit was planned.' }]),
      },
    },
    chronology: [...(demo.chronology ?? []), { id: 'c-x', date: '2026-05', event: 'Wójcik’s report; SMITH-JONES chaired; Παπαδόπουλος wrote to Hương.', pointIds: ['point-1'], key: true }],
  });
  return r;
}

