import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createDispatcher } from '../../../main/api/handlers';
import type { ApiInput, ApiName, ApiOutput } from '../../../shared/api/contract';
import { runCliInTest } from '../../helpers/cli';
import { memorySettings, type Platform } from '../../../main/services/platform';
import { Session } from '../../../main/services/session/session';
import type { ClockView } from '../../../shared/clock/caseClocks';
import { addWorkingDays, countWorkingDays, isWorkingDay } from '../../../shared/calendar/workingDays';
import { formatLongDate } from '../../../shared/calendar/date';
import type { DocumentModel } from '../../../shared/documents/model';
import { GOOD_PASSPHRASE, tempDir } from '../../helpers/tmp';

/**
 * The date-sensitive parts of the app (the demo case's dates, every clock, the dashboard, the CLI's deadlines
 * and the dates documents carry) with "today" pinned to days that once broke the suite. Each expectation is
 * computed from the calendar for that day, so the same test is right on any day it runs.
 */
const DAYS = [
  { day: '2026-11-28', what: 'a Saturday' },
  { day: '2026-12-25', what: 'Christmas Day' },
  { day: '2027-03-29', what: 'Easter Monday' },
  { day: '2027-03-30', what: 'the day after a bank holiday' },
  { day: '2027-03-31', what: 'a normal Wednesday' },
];

/** The demo places the agreed statement 12 working days before today (counting back from the day before). */
function demoStatementAgreed(today: string): string {
  let d = today;
  for (let left = 12; left > 0; ) {
    d = new Date(Date.parse(`${d}T12:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    if (isWorkingDay(d)) left--;
  }
  return d;
}

function sessionOn(day: string) {
  const dir = tempDir();
  const platform: Platform = {
    actor: 'Test Officer',
    appVersion: 'test',
    settings: memorySettings(),
    vault: null,
    chooseStorePath: async () => null,
    allowsPath: (p) => p === path.join(dir, 's.cwstore'),
    chooseSavePath: async (name) => path.join(dir, name),
    chooseFolder: async () => dir,
    emit: () => {},
    today: () => day,
  };
  const dispatch = createDispatcher(new Session(platform));
  const call = async <N extends ApiName>(name: N, input: ApiInput<N>): Promise<ApiOutput<N>> => {
    const r = await dispatch(name, input);
    if (!r.ok) throw new Error(r.error.message);
    return r.data as ApiOutput<N>;
  };
  return { dir, call };
}

const cli = runCliInTest;

const statutoryStage2 = (clocks: ClockView[]) => clocks.find((c) => c.id === 'stage2-response-from-statement')!;
const textOf = (m: DocumentModel) => JSON.stringify(m);

describe.each(DAYS)('with today pinned to $day ($what)', ({ day }) => {
  const agreed = demoStatementAgreed(day);
  const taken = countWorkingDays(agreed, day);
  const due = addWorkingDays(agreed, 25);

  it('the demo case, its clocks and the dashboard count from that day', async () => {
    // The calendar, not the test, says how many working days have passed: 12 on a working day, 11 otherwise.
    expect(taken).toBe(isWorkingDay(day) ? 12 : 11);
    const { dir, call } = sessionOn(day);
    await call('store.create', { path: path.join(dir, 's.cwstore'), passphrase: GOOD_PASSPHRASE, ownerName: 'Alex Morgan', demo: true });
    const id = (await call('cases.list', {}))[0]!.id;
    expect(statutoryStage2(await call('cases.deadlines', { id }))).toMatchObject({ start: agreed, due, takenDays: taken, leftDays: countWorkingDays(day, due), state: 'on-track' });
    expect((await call('dashboard.deadlines', {}))[0]!.next).toMatchObject({ due });
    // An explicit `today` still wins over the pinned one.
    expect(statutoryStage2(await call('cases.deadlines', { id, today: due })).leftDays).toBe(0);
  });

  it('documents are dated that day', async () => {
    const { dir, call } = sessionOn(day);
    await call('store.create', { path: path.join(dir, 's.cwstore'), passphrase: GOOD_PASSPHRASE, ownerName: 'Alex Morgan', demo: true });
    const caseId = (await call('cases.list', {}))[0]!.id;
    const letter = await call('documents.preview', { caseId, kind: 'ip-report', variant: 'council' });
    expect(textOf(letter)).toContain(formatLongDate(day).replace(/^\w+ /, ''));
  });

  it('the command line counts from CASEWRIGHT_TODAY', async () => {
    const store = path.join(tempDir(), 'cli.cwstore');
    const env = { CASEWRIGHT_TODAY: day };
    expect((await cli(['store', 'init', '--demo', '--store', store], env)).code).toBe(0);
    const r = await cli(['case', 'deadlines', '--case', 'DEMO-ST2-0001', '--store', store], env);
    expect(r.err).toBe('');
    expect(statutoryStage2(JSON.parse(r.out) as ClockView[])).toMatchObject({ start: agreed, due, takenDays: taken, state: 'on-track' });
  });
});

it('a CASEWRIGHT_TODAY that is not a real date gets one sentence', async () => {
  const store = path.join(tempDir(), 'cli.cwstore');
  const r = await cli(['store', 'init', '--demo', '--store', store], { CASEWRIGHT_TODAY: '28/11/2026' });
  expect(r).toMatchObject({ code: 1, err: 'CASEWRIGHT_TODAY=28/11/2026 is not a real date; write it as YYYY-MM-DD, for example 2026-11-25, or unset it.\n' });
});
