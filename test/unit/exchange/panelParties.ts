import { party } from './parties';

/**
 * The complaints team's store (the demo case, core documents issued and in the hearing pack, a panel of three
 * with a hearing date) and one panel member's own store; each has the other's checked card, and the member is
 * linked to theirs.
 */
export async function teamAndMember(opts: { link?: boolean; verified?: boolean } = {}) {
  const team = await party('Siobhán O’Connor-Nguyễn', 'council', 'Complaints & Representations Team', { demo: true });
  const member = await party('Ewa Łukasiewicz-Öztürk', 'other', 'Independent panel (Kraków–İzmir)');
  await member.call('exchange.addContact', { text: await team.card(), verified: true });
  await team.call('exchange.addContact', { text: await member.card(), verified: opts.verified ?? true });
  const c = await team.firstCase();
  for (const kind of ['statement-of-complaint', 'investigation-report', 'adjudication-letter'] as const) {
    await team.call('documents.issue', { caseId: c.id, kind, variant: 'council' });
    await team.call('bundle.addDocument', { caseId: c.id, kind });
  }
  await team.call('bundle.addPanelMember', { caseId: c.id, name: 'Ewa Łukasiewicz-Öztürk', role: 'chair', independent: true });
  await team.call('bundle.addPanelMember', { caseId: c.id, name: 'Θεόδωρος Παπαδόπουλος', role: 'member', independent: true });
  await team.call('bundle.addPanelMember', { caseId: c.id, name: 'Mr Dáithí Mac Giolla Phádraig', role: 'member', independent: false });
  await team.call('bundle.setHearingDate', { caseId: c.id, date: '2027-01-14' });
  if (opts.link ?? true) await team.call('papers.link', { caseId: c.id, member: 'Ewa Łukasiewicz-Öztürk', contact: 'Ewa Łukasiewicz-Öztürk' });
  return { team, member, caseId: c.id, reference: c.reference };
}
