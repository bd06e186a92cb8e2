import { describe, expect, it } from 'vitest';
import { b64, ioAndIp } from './parties';

/** The IP's store with draft 1 opened, and one comment on point 1. */
async function withComment() {
  const { io, ip } = await ioAndIp();
  const ioCase = await io.firstCase();
  const p = io.saveTo('draft1.cwpack');
  await io.call('review.send', { caseId: ioCase.id, to: 'Dr Femi Adebayo', attachmentIds: [] });
  const opened = await ip.call('exchange.open', { dataBase64: b64(p) });
  const caseId = opened.caseId!;
  await ip.call('review.comment', { caseId, on: 'point:1', text: 'Was Łucja Nowak-Öztürk asked about contact?' });
  const [comment] = (await ip.call('review.state', { caseId })).comments;
  return { io, ip, ioCase, caseId, comment: comment! };
}

describe('the independent person changes or withdraws a comment until it is sent back', () => {
  it('changes the words and suggested wording of a comment not yet sent, and the reply carries the new words', async () => {
    const { io, ip, ioCase, caseId, comment } = await withComment();
    expect(comment.sentAt).toBeNull();
    await ip.call('review.editComment', { caseId, comment: comment.id.slice(0, 8), text: '  Was Łucja Nowak-Öztürk (the child’s aunt) asked about contact?  ', suggested: 'Ask Ms Nowak-Öztürk.' });
    const [changed] = (await ip.call('review.state', { caseId })).comments;
    expect(changed).toMatchObject({ id: comment.id, text: 'Was Łucja Nowak-Öztürk (the child’s aunt) asked about contact?', suggested: 'Ask Ms Nowak-Öztürk.', at: comment.at, sentAt: null });

    const r = ip.saveTo('reply.cwpack');
    await ip.call('review.reply', { caseId, to: 'Zofia Wójcik-O’Neill' });
    await io.call('exchange.open', { dataBase64: b64(r) });
    expect((await io.call('review.state', { caseId: ioCase.id })).comments.map((c) => c.text)).toEqual(['Was Łucja Nowak-Öztürk (the child’s aunt) asked about contact?']);
    // Sent: now it says so, and neither change nor withdrawal is accepted; nothing moves.
    const [sent] = (await ip.call('review.state', { caseId })).comments;
    expect(sent!.sentAt).not.toBeNull();
    const before = await ip.snapshot(caseId);
    await expect(ip.call('review.editComment', { caseId, comment: comment.id, text: 'Something else', suggested: '' })).rejects.toThrow(
      /^Your comment on point 1 went back to Zofia Wójcik-O’Neill with your reply of \d{4}-\d\d-\d\d, so it cannot be changed; add a new comment that corrects it\.$/,
    );
    await expect(ip.call('review.withdrawComment', { caseId, comment: comment.id })).rejects.toThrow(/cannot be changed; add a new comment/);
    expect(await ip.snapshot(caseId)).toBe(before);
    // A comment added after the reply can still change.
    await ip.call('review.comment', { caseId, on: 'point:1', text: 'Second thoughts.' });
    const later = (await ip.call('review.state', { caseId })).comments.find((c) => c.text === 'Second thoughts.')!;
    expect(later.sentAt).toBeNull();
    await ip.call('review.withdrawComment', { caseId, comment: later.id });
    expect((await ip.call('review.state', { caseId })).comments.map((c) => c.text)).toEqual(['Was Łucja Nowak-Öztürk (the child’s aunt) asked about contact?']);
  });

  it('withdraws a comment not yet sent, and refuses what makes no sense with a sentence, changing nothing', async () => {
    const { io, ip, ioCase, caseId, comment } = await withComment();
    const before = await ip.snapshot(caseId);
    await expect(ip.call('review.editComment', { caseId, comment: comment.id, text: '   ', suggested: '' })).rejects.toThrow('Write the comment before saving it; to take it away, withdraw it.');
    await expect(ip.call('review.editComment', { caseId, comment: 'zzzzzzzz', text: 'x', suggested: '' })).rejects.toThrow(/has no comment zzzzzzzz; "review list" shows them\.$/);
    await expect(ip.call('review.editComment', { caseId, comment: 'x'.repeat(101), text: 'x', suggested: '' })).rejects.toThrow();
    await expect(ip.call('review.editComment', { caseId, comment: comment.id, text: 'y'.repeat(20_001), suggested: '' })).rejects.toThrow('A comment can be at most 20,000 characters');
    // The investigating officer's own copy has no comments of theirs to change.
    await expect(io.call('review.withdrawComment', { caseId: ioCase.id, comment: comment.id })).rejects.toThrow(/did not come to you for review/);
    expect(await ip.snapshot(caseId)).toBe(before);
    await ip.call('review.withdrawComment', { caseId, comment: comment.id });
    expect((await ip.call('review.state', { caseId })).comments).toEqual([]);
  });
});
