import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  type CaseClockInput,
  type ClockView,
  computeCaseClocks,
  computeClocksForMany,
  nextDeadline,
  validateExtensionForCase,
} from '../../../shared/clock/caseClocks';
import type { Extension } from '../../../shared/clock/extensions';
import type { ClockId } from '../../../shared/clock/profiles';
import { countWorkingDays, isWorkingDay } from '../../../shared/calendar/workingDays';
import { fromDayNumber, toDayNumber } from '../../../shared/calendar/date';

// A children's statutory case (all 2024, bank holidays 1 Jan, 29 Mar, 1 Apr):
//   received Tue 2 Jan; acknowledged 4 Jan (due 5 Jan); Stage 1 response 16 Jan (due 16 Jan);
//   Stage 2 asked for 24 Jan (window ends 13 Feb); statement agreed 31 Jan.
//   Stage 2 due: 25 WD from 31 Jan = Wed 6 Mar (max 65 WD = Fri 3 May); from the request 24 Jan = Wed 28 Feb.
const sample = (over: Partial<CaseClockInput> = {}, keyDates: CaseClockInput['keyDates'] = {}): CaseClockInput => ({
  procedure: 'children-statutory',
  today: '2024-02-20',
  ...over,
  keyDates: {
    stage1Received: '2024-01-02',
    stage1Acknowledged: '2024-01-04',
    stage1Responded: '2024-01-16',
    stage2Requested: '2024-01-24',
    statementAgreed: '2024-01-31',
    ...keyDates,
  },
});

function clock(clocks: readonly ClockView[], id: ClockId): ClockView {
  const c = clocks.find((x) => x.id === id);
  if (!c) throw new Error(`no clock ${id}`);
  return c;
}

const extension = (over: Partial<Extension> = {}): Extension => ({
  id: 'ext-1',
  clock: 'stage2-response-from-statement',
  agreedOn: '2024-02-26',
  reason: 'complexity',
  complainantToldOn: '2024-02-27',
  complainantToldHow: 'letter',
  newDueDate: '2024-04-17',
  ...over,
});

describe("children's statutory profile on a sample case", () => {
  const clocks = computeCaseClocks(sample());

  it('has the ten clocks in procedure order', () => {
    expect(clocks.map((c) => c.id)).toEqual([
      'stage1-ack',
      'stage1-response',
      'stage2-request-window',
      'stage2-response-from-statement',
      'stage2-response-from-request',
      'stage3-request-window',
      'panel',
      'panel-report',
      'council-response',
      'ombudsman',
    ]);
  });

  it('computes Stage 1 clocks', () => {
    expect(clock(clocks, 'stage1-ack')).toMatchObject({
      start: '2024-01-02',
      due: '2024-01-05',
      end: '2024-01-04',
      limitDays: 3,
      takenDays: 2,
      leftDays: null,
      state: 'met',
      stateLabel: 'Met',
      statutory: false,
    });
    expect(clock(clocks, 'stage1-response')).toMatchObject({
      due: '2024-01-16',
      maxDue: '2024-01-30',
      takenDays: 10,
      state: 'met',
      statutory: true,
    });
    expect(clock(clocks, 'stage2-request-window')).toMatchObject({
      start: '2024-01-16',
      due: '2024-02-13',
      end: '2024-01-24',
      party: 'complainant',
      state: 'met',
    });
  });

  it('shows both Stage 2 clocks; the agreed statement one is statutory by default', () => {
    const fromStatement = clock(clocks, 'stage2-response-from-statement');
    const fromRequest = clock(clocks, 'stage2-response-from-request');
    expect(fromStatement).toMatchObject({
      start: '2024-01-31',
      due: '2024-03-06',
      maxDue: '2024-05-03',
      statutory: true,
      alternative: false,
      takenDays: 14,
      leftDays: 11,
      state: 'on-track',
      stateLabel: 'On track',
      provisional: false,
    });
    expect(fromRequest).toMatchObject({
      start: '2024-01-24',
      due: '2024-02-28',
      statutory: false,
      alternative: true,
      leftDays: 6,
      state: 'on-track',
    });
  });

  it('makes the request clock statutory when the council counts from the Stage 2 request', () => {
    const other = computeCaseClocks(sample({ stage2StartsFrom: 'stage2Requested' }));
    expect(clock(other, 'stage2-response-from-request')).toMatchObject({ statutory: true, alternative: false });
    expect(clock(other, 'stage2-response-from-statement')).toMatchObject({ statutory: false, alternative: true });
  });

  it('later clocks have not started', () => {
    for (const id of ['stage3-request-window', 'panel', 'panel-report', 'council-response', 'ombudsman'] as const) {
      expect(clock(clocks, id)).toMatchObject({
        state: 'not-started',
        stateLabel: 'Not started',
        start: null,
        due: null,
        takenDays: null,
        leftDays: null,
      });
    }
  });

  it('uses the council acknowledgement days and closures', () => {
    const five = computeCaseClocks(sample({ acknowledgementDays: 5 }));
    expect(clock(five, 'stage1-ack')).toMatchObject({ limitDays: 5, due: '2024-01-09' });
    const closed = computeCaseClocks(sample({ closures: ['2024-01-03'] }));
    expect(clock(closed, 'stage1-ack').due).toBe('2024-01-08');
  });
});

describe('clock states with a fixed today', () => {
  it('on track, due soon, overdue', () => {
    const at = (today: string) => computeCaseClocks(sample({ today }));
    expect(clock(at('2024-02-20'), 'stage2-response-from-statement').state).toBe('on-track');
    const mar1 = at('2024-03-01');
    expect(clock(mar1, 'stage2-response-from-statement')).toMatchObject({
      state: 'due-soon',
      leftDays: 3,
      stateLabel: 'Due within 5 working days',
    });
    expect(clock(mar1, 'stage2-response-from-request')).toMatchObject({
      state: 'overdue',
      leftDays: -2,
      stateLabel: 'Overdue by 2 working days',
    });
    expect(clock(at('2024-03-06'), 'stage2-response-from-statement')).toMatchObject({ state: 'due-soon', leftDays: 0 });
    expect(clock(at('2024-02-27'), 'stage2-response-from-statement')).toMatchObject({ state: 'on-track', leftDays: 6 });
    expect(clock(at('2024-02-28'), 'stage2-response-from-statement')).toMatchObject({ state: 'due-soon', leftDays: 5 });
    expect(clock(at('2024-03-07'), 'stage2-response-from-statement')).toMatchObject({
      state: 'overdue',
      leftDays: -1,
      stateLabel: 'Overdue by 1 working day',
    });
    // The Saturday after a Wednesday deadline: overdue by Thursday and Friday.
    expect(clock(at('2024-03-09'), 'stage2-response-from-statement')).toMatchObject({ state: 'overdue', leftDays: -2 });
  });

  it('met on the due date takes exactly the limit; met late counts the days over', () => {
    const met = computeCaseClocks(sample({ today: '2024-03-20' }, { stage2ResponseSent: '2024-03-06' }));
    expect(clock(met, 'stage2-response-from-statement')).toMatchObject({
      state: 'met',
      takenDays: 25,
      leftDays: null,
      end: '2024-03-06',
    });
    expect(clock(met, 'stage2-response-from-request')).toMatchObject({
      state: 'met-late',
      stateLabel: 'Met late (5 working days over)',
    });
    // The Stage 3 window starts with the response: 20 WD from 6 Mar skips Good Friday and Easter Monday.
    expect(clock(met, 'stage3-request-window')).toMatchObject({
      start: '2024-03-06',
      due: '2024-04-05',
      party: 'complainant',
      state: 'on-track',
    });

    const late = computeCaseClocks(sample({ today: '2024-03-20' }, { stage2ResponseSent: '2024-03-11' }));
    expect(clock(late, 'stage2-response-from-statement')).toMatchObject({
      state: 'met-late',
      stateLabel: 'Met late (3 working days over)',
      takenDays: 28,
    });
  });

  it('passes recorded late reasons through', () => {
    const clocks = computeCaseClocks(
      sample({ today: '2024-03-08', lateReasons: { 'stage2-response-from-statement': 'Key witness on leave' } }),
    );
    expect(clock(clocks, 'stage2-response-from-statement')).toMatchObject({
      state: 'overdue',
      lateReason: 'Key witness on leave',
    });
    expect(clock(clocks, 'stage1-response').lateReason).toBeUndefined();
  });

  it('treats missing, null and invalid key dates as not recorded', () => {
    const clocks = computeCaseClocks(sample({}, { statementAgreed: null, stage2Requested: '2024-02-30' }));
    expect(clock(clocks, 'stage2-response-from-statement').state).toBe('not-started');
    expect(clock(clocks, 'stage2-response-from-request').state).toBe('not-started');
    expect(clock(clocks, 'stage2-request-window')).toMatchObject({ end: null, state: 'overdue' });
  });

  it('throws on an invalid today', () => {
    expect(() => computeCaseClocks(sample({ today: '2024-13-01' }))).toThrow(RangeError);
  });

  it('marks due dates computed with provisional bank holidays', () => {
    const clocks = computeCaseClocks({
      procedure: 'children-statutory',
      today: '2028-12-20',
      keyDates: { stage1Received: '2028-12-20' },
    });
    expect(clock(clocks, 'stage1-ack')).toMatchObject({ due: '2028-12-27', provisional: false });
    expect(clock(clocks, 'stage1-response')).toMatchObject({ due: '2029-01-08', provisional: true }); // 1 Jan 2029 by rule
  });
});

describe('extensions', () => {
  it('an extension moves the due date (both Stage 2 clocks; the unextended date is kept)', () => {
    const clocks = computeCaseClocks(sample({ today: '2024-03-08', extensions: [extension()] }));
    expect(clock(clocks, 'stage2-response-from-statement')).toMatchObject({
      baseDue: '2024-03-06',
      extendedTo: '2024-04-17',
      due: '2024-04-17',
      state: 'on-track',
      leftDays: 26,
    });
    expect(clock(clocks, 'stage2-response-from-request')).toMatchObject({ due: '2024-04-17', extendedTo: '2024-04-17' });
    expect(clock(clocks, 'stage1-response').extendedTo).toBeNull();
  });

  it('the latest agreed extension is the one in force', () => {
    const clocks = computeCaseClocks(
      sample({
        today: '2024-03-08',
        extensions: [
          extension({ id: 'b', agreedOn: '2024-04-10', complainantToldOn: '2024-04-10', newDueDate: '2024-05-01' }),
          extension({ id: 'a' }),
        ],
      }),
    );
    expect(clock(clocks, 'stage2-response-from-statement').due).toBe('2024-05-01');
  });

  it('refuses an extension beyond 65 working days, naming the limit date', () => {
    const result = validateExtensionForCase(sample(), extension({ newDueDate: '2024-05-20' }));
    expect(result).toEqual({
      ok: false,
      message:
        'The new date 2024-05-20 is beyond the 65-working-day limit for the Stage 2 response, which ends on ' +
        'Friday 3 May 2024; choose a date on or before it.',
    });
    expect(validateExtensionForCase(sample(), extension({ newDueDate: '2024-05-03' }))).toEqual({ ok: true });
  });

  it('checks a second extension against the first', () => {
    const input = sample({ extensions: [extension()] });
    const second = extension({ id: 'ext-2', agreedOn: '2024-04-01', complainantToldOn: '2024-04-02', newDueDate: '2024-04-10' });
    const r = validateExtensionForCase(input, second);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toContain('not after the current due date, Wednesday 17 April 2024');
    // editing the first extension is checked against the unextended date, not against itself
    expect(validateExtensionForCase(input, extension({ newDueDate: '2024-04-10' }))).toEqual({ ok: true });
  });

  it('refuses extensions for clocks that cannot be extended or have not started', () => {
    const r1 = validateExtensionForCase(sample(), extension({ clock: 'panel', newDueDate: '2024-06-03' }));
    expect(r1).toEqual({ ok: false, message: 'The review panel hearing cannot be extended.' });
    const r2 = validateExtensionForCase(sample({}, { statementAgreed: null }), extension());
    expect(r2.ok).toBe(false);
    if (!r2.ok) expect(r2.message).toMatch(/^The Stage 2 response has not started yet/);
    const r3 = validateExtensionForCase({ procedure: 'adults-statutory', today: '2024-01-10', keyDates: {} }, extension());
    expect(r3).toEqual({ ok: false, message: 'This procedure has no stage2-response-from-statement clock to extend.' });
  });
});

describe('other procedures', () => {
  it("adults' statutory: no fixed limit, then met", () => {
    const open = computeCaseClocks({
      procedure: 'adults-statutory',
      today: '2024-01-16',
      keyDates: { stage1Received: '2024-01-02' },
    });
    expect(open.map((c) => c.id)).toEqual(['stage1-ack', 'stage1-response', 'ombudsman']);
    expect(clock(open, 'stage1-response')).toMatchObject({
      limitDays: null,
      due: null,
      takenDays: 10,
      leftDays: null,
      state: 'no-limit',
      stateLabel: 'No fixed time limit',
    });
    const done = computeCaseClocks({
      procedure: 'adults-statutory',
      today: '2024-03-01',
      keyDates: { stage1Received: '2024-01-02', stage1Responded: '2024-02-01' },
    });
    expect(clock(done, 'stage1-response')).toMatchObject({ state: 'met', takenDays: 22, due: null });
  });

  it('corporate two-stage and the Complaint Handling Code', () => {
    const corp = computeCaseClocks({
      procedure: 'corporate-two-stage',
      today: '2024-02-20',
      keyDates: { stage1Received: '2024-01-02', stage2Requested: '2024-02-01' },
    });
    expect(corp.map((c) => [c.id, c.limitDays, c.due])).toEqual([
      ['stage1-ack', 3, '2024-01-05'],
      ['stage1-response', 10, '2024-01-16'],
      ['stage2-response', 20, '2024-02-29'],
      ['ombudsman', 12, null],
    ]);
    const chc = computeCaseClocks({
      procedure: 'complaint-handling-code',
      today: '2024-01-05',
      keyDates: { stage1Received: '2024-01-02', stage1Acknowledged: '2024-01-04' },
    });
    expect(chc.map((c) => [c.id, c.limitDays, c.due])).toEqual([
      ['stage1-ack', 5, '2024-01-09'],
      ['stage1-response', 10, '2024-01-18'],
      ['stage2-response', 20, null],
      ['ombudsman', 12, null],
    ]);
  });

  it('the Ombudsman window is 12 calendar months, from the council response or when the matter was known', () => {
    const keyDates = { councilResponseSent: '2024-06-10', matterKnown: '2023-11-01' };
    const a = computeCaseClocks({ procedure: 'children-statutory', today: '2024-06-11', keyDates });
    expect(clock(a, 'ombudsman')).toMatchObject({
      unit: 'calendar-months',
      limitDays: 12,
      start: '2024-06-10',
      due: '2025-06-10',
      party: 'complainant',
      state: 'on-track',
    });
    const b = computeCaseClocks({ procedure: 'children-statutory', today: '2024-06-11', keyDates, ombudsmanFrom: 'matterKnown' });
    expect(clock(b, 'ombudsman')).toMatchObject({ start: '2023-11-01', due: '2024-11-01' });
  });
});

describe('nextDeadline', () => {
  it("picks the council's earliest open deadline, skipping the comparison clock unless asked", () => {
    const clocks = computeCaseClocks(sample({ today: '2024-03-01' }));
    expect(nextDeadline(clocks)?.id).toBe('stage2-response-from-statement');
    expect(nextDeadline(clocks, { includeAlternatives: true })?.id).toBe('stage2-response-from-request');
  });

  it('returns null when nothing is open', () => {
    expect(nextDeadline(computeCaseClocks({ procedure: 'children-statutory', today: '2024-01-01', keyDates: {} }))).toBeNull();
    const closed = computeCaseClocks(sample({ today: '2024-03-20' }, { stage2ResponseSent: '2024-03-06' }));
    expect(nextDeadline(closed)).toBeNull();
    expect(nextDeadline(closed, { includeComplainantClocks: true })?.id).toBe('stage3-request-window');
  });
});

// ---------------------------------------------------------------------------------------------------------

const D0 = toDayNumber('2023-01-01');
const arbDay = fc.integer({ min: D0, max: D0 + 1500 });
const arbInput = fc
  .record({
    received: arbDay,
    gaps: fc.array(fc.integer({ min: 0, max: 60 }), { minLength: 9, maxLength: 9 }),
    stop: fc.integer({ min: 0, max: 10 }),
    todayOffset: fc.integer({ min: 0, max: 400 }),
    s2: fc.constantFrom('statementAgreed' as const, 'stage2Requested' as const),
    closures: fc.array(fc.integer({ min: 0, max: 500 }), { maxLength: 6 }),
  })
  .map(({ received, gaps, stop, todayOffset, s2, closures }): CaseClockInput => {
    const names = [
      'stage1Received',
      'stage1Acknowledged',
      'stage1Responded',
      'stage2Requested',
      'statementAgreed',
      'stage2ResponseSent',
      'stage3Requested',
      'panelHeld',
      'panelReportSent',
      'councilResponseSent',
    ] as const;
    const keyDates: CaseClockInput['keyDates'] = {};
    let d = received;
    names.forEach((name, i) => {
      if (i > 0) d += gaps[i - 1] ?? 0;
      if (i < stop) keyDates[name] = fromDayNumber(d);
    });
    return {
      procedure: 'children-statutory',
      stage2StartsFrom: s2,
      closures: closures.map((o) => fromDayNumber(received + o)),
      keyDates,
      today: fromDayNumber(received + todayOffset),
    };
  });

describe('clock properties', () => {
  it('due dates are working days N after the start; states agree with the numbers', () => {
    fc.assert(
      fc.property(arbInput, (input) => {
        const opts = { closures: input.closures ?? [] };
        for (const c of computeCaseClocks(input)) {
          if (c.start === null) {
            expect(c.state).toBe('not-started');
            continue;
          }
          if (c.unit === 'working-days' && c.due !== null) {
            expect(isWorkingDay(c.due, opts)).toBe(true);
            expect(countWorkingDays(c.start, c.due, opts)).toBe(c.limitDays);
          }
          if (c.state === 'met') expect(c.end !== null && c.due !== null && c.end <= c.due).toBe(true);
          if (c.state === 'met-late') expect(c.end !== null && c.due !== null && c.end > c.due).toBe(true);
          if (c.state === 'overdue') expect(c.leftDays !== null && c.leftDays <= 0 && input.today > (c.due ?? '')).toBe(true);
          if (c.state === 'due-soon') expect(c.leftDays).toBeGreaterThanOrEqual(0);
          if (c.state === 'due-soon') expect(c.leftDays).toBeLessThanOrEqual(5);
          if (c.state === 'on-track') expect(c.leftDays).toBeGreaterThan(5);
        }
        // exactly one Stage 2 clock is statutory
        const s2 = computeCaseClocks(input).filter((c) => c.id.startsWith('stage2-response'));
        expect(s2.filter((c) => c.statutory)).toHaveLength(1);
      }),
      { numRuns: 300 },
    );
  });

  it('computeClocksForMany gives the same answer as one case at a time', () => {
    fc.assert(
      fc.property(fc.array(arbInput, { maxLength: 20 }), (inputs) => {
        expect(computeClocksForMany(inputs)).toEqual(inputs.map((i) => computeCaseClocks(i)));
      }),
      { numRuns: 50 },
    );
  });

  it('10,000 cases in one call give the same clocks as each case alone', () => {
    // Speed is measured in `npm run bench` (docs/benchmarks.md), never here: a timed test fails on a busy machine.
    const inputs = fc.sample(arbInput, { numRuns: 10_000, seed: 42 });
    const out = computeClocksForMany(inputs);
    expect(out).toHaveLength(10_000);
    for (const i of [0, 1, 4_999, 9_999]) expect(out[i]).toEqual(computeCaseClocks(inputs[i]!));
  });
});

describe('extensions shared by the two Stage 2 clocks (review fixes)', () => {
  const input = {
    procedure: 'children-statutory' as const,
    keyDates: { stage2Requested: '2024-03-01', statementAgreed: '2024-04-10' },
    today: '2024-04-15',
  };
  const ext = { id: 'x', agreedOn: '2024-04-12', reason: 'complexity' as const, complainantToldOn: '2024-04-12', complainantToldHow: 'letter' as const, newDueDate: '2024-04-22' };

  it('never bring the statutory date forward', () => {
    const clocks = computeCaseClocks({ ...input, extensions: [{ ...ext, clock: 'stage2-response-from-request' }] });
    const statutory = clocks.find((c) => c.id === 'stage2-response-from-statement')!;
    expect(statutory.baseDue).toBe('2024-05-16');
    expect(statutory.due).toBe('2024-05-16');
    expect(statutory.state).toBe('on-track');
  });

  it('are refused on the comparison clock', () => {
    const r = validateExtensionForCase(input, { ...ext, clock: 'stage2-response-from-request' });
    expect(r).toEqual({ ok: false, message: expect.stringMatching(/for comparison only; record the extension on the statutory Stage 2 clock instead/) });
  });
});

describe('wording of a clock with an end but no start (issue 11)', () => {
  it('says its start date is not recorded, not "Not started"', () => {
    const clocks = computeCaseClocks({
      procedure: 'children-statutory',
      keyDates: { stage2Requested: '2026-03-02' },
      today: '2026-04-01',
    } as never);
    const ask = clocks.find((c) => c.id === 'stage2-request-window' || c.label === 'Time to ask for Stage 2')!;
    expect(ask.start).toBeNull();
    expect(ask.end).toBe('2026-03-02');
    expect(ask.stateLabel).toBe('Ended; its start date is not recorded');
  });
});
