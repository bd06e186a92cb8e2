import { buildDemoCase } from '../../shared/domain/demoCase';
import type { StoredCase } from '../../shared/domain/case';
import type { Session } from './session/session';

/** The demo's e-mail, held as an attachment so the evidence register, viewer and search have a file to show. */
function demoEmail(sent: string): string {
  return [
    'From: "Zoë Ó Súilleabháin-Nowak (demo)" <zoe.demo@example.org>',
    'To: "Jordan Blake (demo)" <jordan.blake@example.gov.uk>',
    'Subject: Family time',
    `Date: ${new Date(`${sent}T09:15:00Z`).toUTCString()}`,
    'Content-Type: text/plain; charset=utf-8',
    '',
    'Dear Jordan,',
    '',
    'Nobody has explained why family time with Kieran has been cut from weekly to fortnightly.',
    'Please can you tell me who decided this and why, and put it in writing.',
    '',
    'Zoë (demo)',
    '',
  ].join('\r\n');
}

/** Adds the fictional demo investigation, with its e-mail attached as evidence E4. */
export async function addDemoCase(session: Session, today: string): Promise<StoredCase> {
  const cases = session.cases();
  const created = cases.create(buildDemoCase(today), 'case.demo');
  const file = await session.attachments().add(created.id, 'email-family-time.eml', Buffer.from(demoEmail('2026-05-12'), 'utf8'));
  const r = created.record;
  return cases.update(created.id, created.revision, {
    ...r,
    evidence: [
      ...r.evidence,
      { id: 'evidence-4', ref: 'E4', title: 'E-mail from Ms Ó Súilleabháin-Nowak about family time', source: 'Complainant', date: '2026-05-12', description: 'Asks who decided to reduce family time and why.', attachmentId: file.id, pointIds: ['point-2'], extracts: [{ id: 'extract-4', quote: 'Nobody has explained why family time with Kieran has been cut from weekly to fortnightly.', page: null, pointIds: ['point-2'] }] },
    ],
  });
}
