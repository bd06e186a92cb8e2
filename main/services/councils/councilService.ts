import { randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { councilSchema, type Council, type DirectoryCouncil } from '../../../shared/domain/case';
import { describeZodError } from '../../../shared/domain/validation';
import { caseRepository } from '../cases/caseRepository';
import { CaseService } from '../cases/caseService';
import { UserError } from '../errors';
import { appendAudit } from '../store/audit';
import { councilRepository } from './councilRepository';

/**
 * The council directory: a commissioning council's profile entered once and picked for each new case. Saving
 * an entry brings every case linked to it up to date (each change audited on the case); documents already
 * issued keep the profile they were issued with, because their model is frozen.
 */
export class CouncilService {
  constructor(
    private readonly db: () => Database,
    private readonly actor: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  list(): DirectoryCouncil[] {
    const db = this.db();
    const counts = new Map<string, number>();
    for (const c of caseRepository.listRecords(db)) {
      const id = c.record.council.directoryId;
      if (id) counts.set(id, (counts.get(id) ?? 0) + 1);
    }
    return councilRepository.list(db).map((r) => ({
      id: r.id,
      profile: JSON.parse(r.profile) as DirectoryCouncil['profile'],
      updatedAt: r.updated_at,
      caseCount: counts.get(r.id) ?? 0,
    }));
  }

  /**
   * Adds (no id) or changes an entry; with `linkCaseId`, that case is linked to the entry too. Returns the
   * entry and how many cases were brought up to date.
   */
  save(input: { id?: string | undefined; profile: unknown; linkCaseId?: string | undefined }): { council: DirectoryCouncil; casesUpdated: number } {
    const parsed = councilSchema.safeParse({ ...(input.profile as object), directoryId: null });
    if (!parsed.success) throw new UserError('INVALID_INPUT', describeZodError(parsed.error, 'council'));
    const { directoryId: _drop, ...profile } = parsed.data;
    const db = this.db();
    return db.transaction(() => {
      if (input.id && !councilRepository.get(db, input.id)) {
        throw new UserError('NOT_FOUND', 'That council is no longer in the directory; add it again.');
      }
      const clash = councilRepository.findByName(db, profile.name);
      if (clash && clash.id !== input.id) {
        throw new UserError('EXISTS', `${profile.name} is already in the council directory; choose it from the list, or use another name.`);
      }
      const id = input.id ?? randomUUID();
      const updatedAt = this.now().toISOString();
      councilRepository.upsert(db, { id, name: profile.name, profile: JSON.stringify(profile), updated_at: updatedAt });
      appendAudit(db, { actor: this.actor, action: input.id ? 'council.update' : 'council.add', entity: 'council', entityId: id, detail: { name: profile.name } }, this.now);
      const cases = new CaseService(this.db, this.actor, this.now);
      let casesUpdated = 0;
      for (const c of caseRepository.listRecords(db)) {
        const linked = c.record.council.directoryId === id || c.id === input.linkCaseId;
        if (!linked) continue;
        const next: Council = { ...profile, directoryId: id };
        if (JSON.stringify(next) === JSON.stringify(c.record.council)) continue;
        cases.update(c.id, c.revision, { ...c.record, council: next });
        casesUpdated++;
      }
      return { council: { id, profile, updatedAt, caseCount: this.list().find((x) => x.id === id)?.caseCount ?? 0 }, casesUpdated };
    }).immediate();
  }
}
