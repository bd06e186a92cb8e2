/**
 * The small library of legislation and guidance an investigating officer measures practice against (issue 13),
 * offered on every case; the council's own procedures are added on its profile (Overview → Commissioning
 * council), so a council directory entry shares them with all its cases. A point's references are kept as
 * the words chosen, so a report never changes when the library does.
 */
export const NATIONAL_REFERENCES: readonly string[] = [
  'Children Act 1989, section 17 (services for children in need)',
  'Children Act 1989, section 20 (accommodation of children)',
  'Children Act 1989, section 22 (duties to looked after children)',
  'Children Act 1989, section 26 and 26A (representations and advocacy)',
  'Children Act 1989, section 31 (care and supervision orders)',
  'Children Act 1989, section 47 (duty to investigate)',
  'Children Act 2004, section 11 (arrangements to safeguard and promote welfare)',
  'Children and Social Work Act 2017, section 3 (local offer for care leavers)',
  'Children Act 1989 Representations Procedure (England) Regulations 2006',
  'Getting the Best from Complaints: social care complaints and representations for children, young people and others (DfES, 2006)',
  'Working Together to Safeguard Children (2023)',
  'The Care Planning, Placement and Case Review (England) Regulations 2010',
  'The Children Act 1989 guidance and regulations, volume 2: care planning, placement and case review',
  'Care Leavers (England) Regulations 2010',
  'Special Guardianship Regulations 2005 (as amended)',
  'Fostering Services (England) Regulations 2011 and the National Minimum Standards',
  'UN Convention on the Rights of the Child, article 12 (the child’s views)',
  'Data Protection Act 2018 and UK GDPR',
];

/** The references offered for a case: the national library, then the council's own, without repeats. */
export function referenceLibrary(councilReferences: readonly string[]): string[] {
  const seen = new Set<string>();
  return [...NATIONAL_REFERENCES, ...councilReferences].filter((r) => {
    const k = r.trim().toLowerCase();
    if (!k || seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
