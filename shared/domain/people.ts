import type { Person } from './investigation';

/**
 * Staff, other professionals, family members and others are third parties to the complainant: their details are
 * withheld from the complainant's version. The complainant, the child the complaint is about, and whoever acts
 * for the complainant are not, unless the investigator says so.
 */
export function isThirdPartyByDefault(kind: Person['kind']): boolean {
  return !['complainant', 'child', 'advocate', 'representative'].includes(kind);
}
