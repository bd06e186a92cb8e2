import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { richToPlain } from '../../../shared/domain/richText';
import { b64, ioAndIp } from './parties';

describe('the independent person review between two stores (issue 14)', () => {
  it('goes the whole way: cards, draft 1, comments and a disagreement, resolutions, draft 2 with its diff, the IP report in the whole response', async () => {
    const { io, ip } = await ioAndIp();
    const ioCase = await io.firstCase();
    // A file on the evidence register, ticked to go with the draft.
    const file = await io.call('attachments.add', { caseId: ioCase.id, fileName: 'Placement notes – Kieran.txt', dataBase64: Buffer.from('Placement planning notes, 3 March: move agreed by Ms Ó Súilleabháin-Nowak’s social worker.\n').toString('base64') });
    const withFile = await io.call('cases.get', { id: ioCase.id });
    // Point 2 has a finding too, so the IP has two findings to agree or disagree with in draft 1.
    await io.call('cases.update', {
      id: ioCase.id,
      revision: withFile.revision,
      record: { ...withFile.record, evidence: withFile.record.evidence.map((e, i) => (i === 0 ? { ...e, attachmentId: file.id } : e)), findings: { ...withFile.record.findings, 'point-2': { ...withFile.record.findings['point-2'], finding: 'not upheld' } } },
    });

    // Draft 1 goes to the IP.
    const p1 = io.saveTo('draft1.cwpack');
    const sent1 = await io.call('review.send', { caseId: ioCase.id, to: 'Dr Femi Adebayo', attachmentIds: [file.id] });
    expect(sent1).toMatchObject({ path: p1, version: 1 });
    const opened1 = await ip.call('exchange.open', { dataBase64: b64(p1) });
    expect(opened1).toMatchObject({ kind: 'review-request', reference: ioCase.reference, from: { name: 'Zofia Wójcik-O’Neill', verified: true } });
    expect(opened1.held[0]).toBe('Draft 1 of the investigation report');
    const ipCaseId = opened1.caseId!;
    // The IP's store has the case, the frozen draft and the ticked file, and none of the interview notes.
    const ipCase = await ip.call('cases.get', { id: ipCaseId });
    expect(ipCase.record.interviews).toEqual([]);
    expect(ipCase.record.points.length).toBe(withFile.record.points.length);
    expect((await ip.call('attachments.list', { caseId: ipCaseId })).map((a) => a.fileName)).toEqual(['Placement notes – Kieran.txt']);
    const draft1 = await ip.call('review.draft', { caseId: ipCaseId });
    expect(draft1.version).toBe(1);
    expect(JSON.stringify(draft1.model)).toBe(JSON.stringify((await io.call('review.draft', { caseId: ioCase.id })).model));

    // The IP comments on a paragraph (with suggested wording), on a point, and disagrees with one finding.
    const paraIndex = draft1.model.blocks.findIndex((b) => b.type === 'paragraph' && b.runs.some((r) => r.text.length > 60));
    await ip.call('review.comment', { caseId: ipCaseId, on: `para:${paraIndex}`, text: 'This sentence reads as if the move was agreed; say who agreed it and when — “đã đồng ý” is not in the notes.', suggested: 'The move was discussed on 3 March; the notes do not record who agreed it.' });
    await ip.call('review.comment', { caseId: ipCaseId, on: 'point:2', text: 'Was Ms Ó Súilleabháin-Nowak asked about the contact arrangements (Δ in the plan)?' });
    const [p1st, p2nd] = ipCase.record.points;
    await ip.call('review.position', { caseId: ipCaseId, point: String(p1st!.number), stance: 'disagree', reason: 'The records show a meeting by telephone; I would partly uphold this point.' });
    await ip.call('review.position', { caseId: ipCaseId, point: String(p2nd!.number), stance: 'agree' });
    // Bad anchors are refused with a sentence.
    await expect(ip.call('review.comment', { caseId: ipCaseId, on: 'para:99999', text: 'x' })).rejects.toThrow('Draft 1 has no paragraph 99999; the preview numbers each paragraph.');
    await expect(ip.call('review.position', { caseId: ipCaseId, point: '1', stance: 'disagree', reason: ' ' })).rejects.toThrow(/Say why you do not agree/);

    // The reply goes back to the IO.
    const r1 = ip.saveTo('reply1.cwpack');
    await ip.call('review.reply', { caseId: ipCaseId, to: 'Zofia Wójcik-O’Neill' });
    const openedReply = await io.call('exchange.open', { dataBase64: b64(r1) });
    expect(openedReply).toMatchObject({ kind: 'review-reply', caseId: ioCase.id });
    let state = await io.call('review.state', { caseId: ioCase.id });
    expect(state.comments).toHaveLength(2);
    expect(state.comments.every((c) => c.resolution === null)).toBe(true);
    expect(state.findings.find((f) => f.pointId === p1st!.id)?.state).toBe('disagreed');
    expect(state.findings.find((f) => f.pointId === p2nd!.id)?.state).toBe('agreed');

    // The IO resolves both: the paragraph changed as suggested, the question answered.
    const [onPara, onPoint] = state.comments;
    await io.call('review.resolve', { caseId: ioCase.id, comment: onPara!.id.slice(0, 8), as: 'changed as suggested', text: '' });
    await expect(io.call('review.resolve', { caseId: ioCase.id, comment: onPoint!.id, as: 'declined', text: '' })).rejects.toThrow('Say why the suggestion was declined.');
    await io.call('review.resolve', { caseId: ioCase.id, comment: onPoint!.id, as: 'answered', text: 'Yes: interview of 12 March, pages 3–4.' });
    // The IO changes the draft: the finding on point 1 becomes partially upheld and a sentence is rewritten.
    const now = await io.call('cases.get', { id: ioCase.id });
    // Every other point gets its finding too, so the IP's report can be final (issue 13: no final while incomplete).
    const others = Object.fromEntries(now.record.points.filter((p) => p.id !== p1st!.id).map((p) => [p.id, { ...(now.record.findings[p.id] ?? {}), finding: 'not upheld' as const }]));
    await io.call('cases.update', { id: ioCase.id, revision: now.revision, record: { ...now.record, findings: { ...now.record.findings, ...others, [p1st!.id]: { ...now.record.findings[p1st!.id]!, finding: 'partially upheld' } } } });

    // Draft 2 carries the resolutions back; the IP sees what changed.
    const p2 = io.saveTo('draft2.cwpack');
    expect((await io.call('review.send', { caseId: ioCase.id, to: 'Dr Femi Adebayo' })).version).toBe(2);
    const opened2 = await ip.call('exchange.open', { dataBase64: b64(p2) });
    expect(opened2.caseId).toBe(ipCaseId);
    expect(opened2.held).toContain('2 of your comments resolved');
    const ipState = await ip.call('review.state', { caseId: ipCaseId });
    expect(ipState.drafts).toEqual([1, 2]);
    expect(ipState.comments.map((c) => c.resolution?.as)).toEqual(['changed as suggested', 'answered']);
    expect(ipState.comments.every((c) => c.resolution?.inDraft === 2)).toBe(true);
    // The file ticked for draft 1 stays with the IP although draft 2 did not carry it again.
    expect((await ip.call('attachments.list', { caseId: ipCaseId })).length).toBe(1);
    const diff = await ip.call('review.diff', { caseId: ipCaseId, from: 1, to: 2 });
    const changed = diff.filter((s) => s.status === 'changed');
    expect(changed.length).toBeGreaterThan(0);
    const added = changed.flatMap((s) => s.parts.filter((p) => p.change === 'added').map((p) => p.value)).join(' ');
    expect(added).toMatch(/partially/i);
    // The earlier agreement has to be confirmed on draft 2 before the finding counts as agreed.
    expect(ipState.findings.find((f) => f.pointId === p2nd!.id)?.state).toBe('agreed on an earlier draft');
    await ip.call('review.position', { caseId: ipCaseId, point: String(p1st!.number), stance: 'agree', reason: 'Now partly upheld, as I suggested.' });
    await ip.call('review.position', { caseId: ipCaseId, point: String(p2nd!.number), stance: 'agree' });
    for (const p of ipCase.record.points.slice(2)) await ip.call('review.position', { caseId: ipCaseId, point: String(p.number), stance: 'agree' });

    // The IP writes their report from the review and sends it with a last reply.
    const ipNow = await ip.call('cases.get', { id: ipCaseId });
    expect(ipNow.record.ipReview.perPoint[p1st!.id]?.agrees).toBe(true);
    expect(richToPlain(ipNow.record.ipReview.perPoint[p1st!.id]?.comment)).toBe('Now partly upheld, as I suggested.');
    await ip.call('cases.update', { id: ipCaseId, revision: ipNow.revision, record: { ...ipNow.record, ipReview: { ...ipNow.record.ipReview, fairness: 'The investigation was fair to Ms Ó Súilleabháin-Nowak and to the staff.' } } });
    const r2 = ip.saveTo('reply2.cwpack');
    await ip.call('review.reply', { caseId: ipCaseId, to: 'Zofia Wójcik-O’Neill' });
    await io.call('exchange.open', { dataBase64: b64(r2) });
    state = await io.call('review.state', { caseId: ioCase.id });
    expect(state.findings.filter((f) => f.pointId === p1st!.id || f.pointId === p2nd!.id).map((f) => f.state)).toEqual(['agreed', 'agreed']);
    const rep = ip.saveTo('ip-report.cwpack');
    await ip.call('review.sendReport', { caseId: ipCaseId, to: 'Zofia Wójcik-O’Neill' });
    const openedReport = await io.call('exchange.open', { dataBase64: b64(rep) });
    expect(openedReport.kind).toBe('ip-report');
    expect((await io.call('review.state', { caseId: ioCase.id })).ipReport).toBe(true);

    // The IO's whole response includes the IP's report as the IP issued it.
    const outDir = path.join(io.dir, 'response');
    fs.mkdirSync(outDir);
    io.session.platform.chooseFolder = async () => outDir;
    const all = await io.call('documents.exportAll', { caseId: ioCase.id });
    expect(all.files.filter((f) => f.includes('ip-report'))).toHaveLength(4);
    expect(all.files.some((f) => f.includes('ip-report-council-final'))).toBe(true);
    const ipModelAtIo = await io.call('documents.preview', { caseId: ioCase.id, kind: 'ip-report', variant: 'council' });
    expect(JSON.stringify(ipModelAtIo)).toContain('The investigation was fair to Ms Ó Súilleabháin-Nowak and to the staff.');
    // Both stores still verify.
    expect(await io.call('store.verify', {})).toMatchObject({ ok: true });
    expect(await ip.call('store.verify', {})).toMatchObject({ ok: true });
    // Each side's list of packages.
    expect((await io.call('review.packages', { caseId: ioCase.id })).map((p) => `${p.direction} ${p.kind}`)).toEqual([
      'out review-request', 'in review-reply', 'out review-request', 'in review-reply', 'in ip-report',
    ]);
  }, 120_000);
});
