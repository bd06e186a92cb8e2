import { describe, it, expect } from 'vitest';
import {
  type Extension,
  extensionSchema,
  latestExtension,
  validateExtension,
} from '../../../shared/clock/extensions';
import { resolveClockRules, type ClockId } from '../../../shared/clock/profiles';
import { makeCalendar } from '../../../shared/calendar/workingDays';

const rules = resolveClockRules('children-statutory');
const rule = (id: ClockId) => {
  const r = rules.find((x) => x.id === id);
  if (!r) throw new Error(id);
  return r;
};
const calendar = makeCalendar();
// Statement agreed Wed 31 Jan 2024: due Wed 6 Mar (25 WD), at most Fri 3 May (65 WD).
const ctx = { start: '2024-01-31', rule: rule('stage2-response-from-statement'), calendar };

const ext = (over: Partial<Extension> = {}): Extension => ({
  id: 'e1',
  clock: 'stage2-response-from-statement',
  agreedOn: '2024-02-26',
  reason: 'key-witness-unavailable',
  complainantToldOn: '2024-02-26',
  complainantToldHow: 'email',
  newDueDate: '2024-04-17',
  ...over,
});

function refusal(over: Partial<Extension>, context = ctx): string {
  const r = validateExtension(ext(over), context);
  if (r.ok) throw new Error('expected a refusal');
  return r.message;
}

describe('extension schema', () => {
  it('accepts a complete record and requires words for "other"', () => {
    expect(extensionSchema.safeParse(ext()).success).toBe(true);
    expect(extensionSchema.safeParse(ext({ reason: 'other' })).success).toBe(false);
    expect(extensionSchema.safeParse(ext({ reason: 'other', reasonText: '  ' })).success).toBe(false);
    expect(extensionSchema.safeParse(ext({ reason: 'other', reasonText: 'Interpreter needed' })).success).toBe(true);
    expect(extensionSchema.safeParse(ext({ newDueDate: '2024-02-30' })).success).toBe(false);
    expect(extensionSchema.safeParse({ ...ext(), complainantToldHow: 'pigeon' }).success).toBe(false);
  });
});

describe('validateExtension', () => {
  it('accepts a date within the limit', () => {
    expect(validateExtension(ext(), ctx)).toEqual({ ok: true });
    expect(validateExtension(ext({ newDueDate: '2024-05-03' }), ctx)).toEqual({ ok: true });
  });

  it('refuses a date beyond the maximum, naming the last allowed date', () => {
    expect(refusal({ newDueDate: '2024-05-20' })).toBe(
      'The new date 2024-05-20 is beyond the 65-working-day limit for the Stage 2 response, which ends on ' +
        'Friday 3 May 2024; choose a date on or before it.',
    );
    expect(refusal({ newDueDate: '2024-05-06' })).toMatch(/beyond the 65-working-day limit/);
  });

  it('refuses a date not after the current due date', () => {
    expect(refusal({ newDueDate: '2024-03-06' })).toBe(
      'The new date 2024-03-06 is not after the current due date, Wednesday 6 March 2024; choose a later date.',
    );
    expect(refusal({ newDueDate: '2024-04-10' }, { ...ctx, currentDue: '2024-04-17' } as typeof ctx)).toMatch(
      /not after the current due date, Wednesday 17 April 2024/,
    );
  });

  it('refuses a new date that is not a working day', () => {
    expect(refusal({ newDueDate: '2024-03-29' })).toBe(
      'The new date 2024-03-29 is not a working day; choose a working day such as Tuesday 2 April 2024.',
    );
  });

  it('refuses a told date before the agreed date', () => {
    expect(refusal({ agreedOn: '2024-02-26', complainantToldOn: '2024-02-23' })).toBe(
      'The complainant cannot have been told on Friday 23 February 2024, before the extension was agreed on ' +
        'Monday 26 February 2024; check both dates.',
    );
  });

  it('allows an extension agreed after the due date, with a note', () => {
    const r = validateExtension(ext({ agreedOn: '2024-03-08', complainantToldOn: '2024-03-08' }), ctx);
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.note).toMatch(/^The extension was agreed on Friday 8 March 2024, after the due date/);
  });

  it('refuses "other" without words, a clock with no extension, a clock not started, a mismatched clock', () => {
    expect(refusal({ reason: 'other' })).toMatch(/Say in words why/);
    expect(refusal({ clock: 'panel' }, { ...ctx, rule: rule('panel') })).toBe('The review panel hearing cannot be extended.');
    expect(refusal({}, { ...ctx, start: null } as unknown as typeof ctx)).toBe(
      'The Stage 2 response has not started yet, so it cannot be extended; record its start date first.',
    );
    expect(refusal({ clock: 'stage1-response' })).toMatch(/^This extension is for the stage1-response clock/);
  });

  it('Stage 1 extends to at most 20 working days', () => {
    const s1 = { start: '2024-01-02', rule: rule('stage1-response'), calendar };
    expect(validateExtension(ext({ clock: 'stage1-response', agreedOn: '2024-01-10', complainantToldOn: '2024-01-10', newDueDate: '2024-01-30' }), s1)).toEqual({ ok: true });
    const r = validateExtension(ext({ clock: 'stage1-response', agreedOn: '2024-01-10', complainantToldOn: '2024-01-10', newDueDate: '2024-01-31' }), s1);
    expect(r).toEqual({
      ok: false,
      message:
        'The new date 2024-01-31 is beyond the 20-working-day limit for the Stage 1 response, which ends on ' +
        'Tuesday 30 January 2024; choose a date on or before it.',
    });
  });
});

describe('latestExtension', () => {
  it('takes the one agreed last, the later record on a tie, ignoring other clocks and bad dates', () => {
    const a = ext({ id: 'a', agreedOn: '2024-02-01' });
    const b = ext({ id: 'b', agreedOn: '2024-03-01' });
    const c = ext({ id: 'c', agreedOn: '2024-03-01' });
    const bad = ext({ id: 'bad', agreedOn: '2024-13-01' });
    const other = ext({ id: 'o', clock: 'stage1-response', agreedOn: '2024-04-01' });
    expect(latestExtension([a, b, c, bad, other], ['stage2-response-from-statement'])?.id).toBe('c');
    expect(latestExtension([], ['stage2-response-from-statement'])).toBeNull();
  });
});
