import { describe, it, expect } from 'vitest';
import {
  CLOCK_IDS,
  councilClockSettingsSchema,
  getProcedure,
  KEY_DATE_NAMES,
  PROCEDURE_IDS,
  PROCEDURES,
  resolveClockRules,
} from '../../../shared/clock/profiles';

describe('procedure profiles', () => {
  it('has the four procedures, children-statutory first', () => {
    expect(PROCEDURE_IDS).toEqual([
      'children-statutory',
      'corporate-two-stage',
      'adults-statutory',
      'complaint-handling-code',
    ]);
    for (const id of PROCEDURE_IDS) expect(getProcedure(id).id).toBe(id);
    expect(() => getProcedure('nope' as never)).toThrow(RangeError);
  });

  it('every rule is well formed data', () => {
    for (const p of Object.values(PROCEDURES)) {
      const ids = p.clocks.map((c) => c.id);
      expect(new Set(ids).size).toBe(ids.length);
      for (const rule of p.clocks) {
        expect(CLOCK_IDS).toContain(rule.id);
        expect(KEY_DATE_NAMES).toContain(rule.startsFrom);
        if (rule.endsAt !== null) expect(KEY_DATE_NAMES).toContain(rule.endsAt);
        if (rule.maxExtendedDays !== undefined) {
          expect(rule.extendable).toBe(true);
          expect(rule.maxExtendedDays).toBeGreaterThan(rule.limitDays ?? 0);
        }
        if (rule.sharesExtensionsWith) expect(ids).toContain(rule.sharesExtensionsWith);
        expect(rule.label.length).toBeGreaterThan(0);
        expect(rule.noun).toMatch(/^the /);
      }
    }
  });

  it("children's statutory limits match DOMAIN.md", () => {
    const limits = Object.fromEntries(
      resolveClockRules('children-statutory').map((r) => [r.id, [r.startsFrom, r.endsAt, r.limitDays, r.maxExtendedDays ?? null]]),
    );
    expect(limits).toEqual({
      'stage1-ack': ['stage1Received', 'stage1Acknowledged', 3, null],
      'stage1-response': ['stage1Received', 'stage1Responded', 10, 20],
      'stage2-request-window': ['stage1Responded', 'stage2Requested', 20, null],
      'stage2-response-from-statement': ['statementAgreed', 'stage2ResponseSent', 25, 65],
      'stage2-response-from-request': ['stage2Requested', 'stage2ResponseSent', 25, 65],
      'stage3-request-window': ['stage2ResponseSent', 'stage3Requested', 20, null],
      panel: ['stage3Requested', 'panelHeld', 30, null],
      'panel-report': ['panelHeld', 'panelReportSent', 5, null],
      'council-response': ['panelReportSent', 'councilResponseSent', 15, null],
      ombudsman: ['councilResponseSent', null, 12, null],
    });
  });

  it('applies council settings as data', () => {
    const rules = resolveClockRules('children-statutory', {
      acknowledgementDays: 5,
      stage2StartsFrom: 'stage2Requested',
      ombudsmanFrom: 'matterKnown',
    });
    const by = (id: string) => rules.find((r) => r.id === id);
    expect(by('stage1-ack')?.limitDays).toBe(5);
    expect(by('stage2-response-from-request')).toMatchObject({ statutory: true, alternative: false });
    expect(by('stage2-response-from-statement')).toMatchObject({ statutory: false, alternative: true });
    expect(by('ombudsman')?.startsFrom).toBe('matterKnown');
    expect(() => resolveClockRules('children-statutory', { acknowledgementDays: 11 })).toThrow(RangeError);
    // the Complaint Handling Code acknowledgement is fixed at 5, whatever the council setting
    expect(resolveClockRules('complaint-handling-code', { acknowledgementDays: 3 })[0]?.limitDays).toBe(5);
  });
});

describe('councilClockSettingsSchema', () => {
  it('fills defaults', () => {
    expect(councilClockSettingsSchema.parse({})).toEqual({
      procedure: 'children-statutory',
      acknowledgementDays: 3,
      stage2StartsFrom: 'statementAgreed',
      ombudsmanFrom: 'councilResponseSent',
      closures: [],
    });
  });

  it('validates ranges, enums and closure dates', () => {
    expect(councilClockSettingsSchema.safeParse({ acknowledgementDays: 0 }).success).toBe(false);
    expect(councilClockSettingsSchema.safeParse({ acknowledgementDays: 11 }).success).toBe(false);
    expect(councilClockSettingsSchema.safeParse({ acknowledgementDays: 2.5 }).success).toBe(false);
    expect(councilClockSettingsSchema.safeParse({ procedure: 'other' }).success).toBe(false);
    expect(councilClockSettingsSchema.safeParse({ stage2StartsFrom: 'stage1Received' }).success).toBe(false);
    expect(councilClockSettingsSchema.safeParse({ closures: ['2024-12-27', '2024-02-30'] }).success).toBe(false);
    expect(
      councilClockSettingsSchema.parse({ procedure: 'adults-statutory', acknowledgementDays: 5, closures: ['2024-12-27'] }),
    ).toMatchObject({ procedure: 'adults-statutory', acknowledgementDays: 5, closures: ['2024-12-27'] });
  });
});
