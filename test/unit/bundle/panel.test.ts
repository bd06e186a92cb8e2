import { describe, expect, it } from 'vitest';
import { addWorkingDays } from '../../../shared/calendar/workingDays';
import { checkHearingDate, memberRefusal, panelProblems, sameName } from '../../../shared/bundle/panel';
import type { PanelMember } from '../../../shared/bundle/model';
import { packCase } from './setup';

const m = (name: string, role: 'chair' | 'member' = 'member', available: string[] = []): PanelMember => ({ id: name, name, role, available, independent: true, contact: null });

describe('the review panel', () => {
  it('is three independent people with one chair, never the Stage 2 independent person', () => {
    expect(memberRefusal([], { name: 'dr  femi ADEBAYO', role: 'member' }, 'Dr Femi Adebayo')).toMatch(/was the Stage 2 independent person on this case/);
    expect(memberRefusal([m('A', 'chair')], { name: 'B', role: 'chair' }, null)).toMatch(/already has a chair \(A\)/);
    expect(memberRefusal([m('A'), m('B'), m('C')], { name: 'D', role: 'member' }, null)).toMatch(/already has its 3 people/);
    expect(memberRefusal([m('Zoë Ó Súilleabháin')], { name: 'Zoe O Suilleabhain', role: 'member' }, null)).toMatch(/already on the panel/);
    expect(panelProblems([m('A'), m('B')], null)).toEqual(['The panel has 2 of its 3 people; add 1 more.', 'Nobody on the panel is the chair; choose one member to chair it.']);
    expect(panelProblems([m('A', 'chair'), m('B'), { ...m('Ngô Thị Hương'), independent: false }], null)).toEqual(['Confirm that Ngô Thị Hương is independent of the council before the hearing.']);
    expect(sameName('Mr Şükrü Yılmaz', 'şükrü yılmaz')).toBe(true);
  });

  it('checks the hearing date against 30 working days from the request (bank holidays and closures counted out) and each member’s availability', () => {
    const requested = '2026-12-01';
    const latest = addWorkingDays(requested, 30);
    // Christmas Day, Boxing Day (substitute 28th) and New Year's Day fall inside.
    expect(latest).toBe('2027-01-15');
    expect(checkHearingDate(requested, latest, []).ok).toBe(true);
    const late = checkHearingDate(requested, '2027-01-18', [m('A', 'chair', ['2027-01-15'])]);
    expect(late.ok).toBe(false);
    expect(late.sentence).toBe('The hearing on 2027-01-18 is after 2027-01-15, the last day within 30 working days of the request on 2026-12-01; record why, or choose an earlier date.');
    expect(late.unavailable).toEqual(['A']);
    expect(checkHearingDate(requested, latest, [], { closures: ['2027-01-14'] }).latest).toBe('2027-01-18');
    expect(checkHearingDate(requested, '2026-11-30', []).sentence).toMatch(/is not after the Stage 3 request/);
  });

  it('through the API: the Stage 2 IP is refused with a sentence and nothing changes', async () => {
    const { call, caseId } = await packCase();
    await call('bundle.addPanelMember', { caseId, name: 'Aoife O’Brien-Kowalczyk', role: 'chair', independent: true });
    const before = await call('bundle.get', { caseId });
    await expect(call('bundle.addPanelMember', { caseId, name: 'Dr Femi Adebayo', role: 'member' })).rejects.toThrow(/Stage 2 independent person cannot sit on the review panel/);
    expect(await call('bundle.get', { caseId })).toEqual(before);
    const r = await call('bundle.addPanelMember', { caseId, name: 'Nguyễn Văn An', role: 'member', independent: true });
    expect(r.problems).toEqual(['The panel has 2 of its 3 people; add 1 more.']);
  }, 120_000);
});
