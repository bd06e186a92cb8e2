import { addCalendarDays, dayOfWeek, parseIsoDate } from '../shared/calendar/date';
import { isBankHoliday } from '../shared/calendar/bankHolidays';
import { computeClocksForMany, type CaseClockInput } from '../shared/clock/caseClocks';
import { bestOf, ms } from './stats';

/** 10,000 cases spread over 2016–2030, a fifth with council closure days, a few with extensions. */
export function generateClockInputs(n: number, today = '2026-11-27'): CaseClockInput[] {
  const out: CaseClockInput[] = [];
  let seed = 42;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  for (let i = 0; i < n; i++) {
    const base = addCalendarDays('2016-01-04', Math.floor(rnd() * 5000));
    const s1 = base;
    const s1r = addCalendarDays(s1, 10 + Math.floor(rnd() * 20));
    const s2q = addCalendarDays(s1r, Math.floor(rnd() * 25));
    const agreed = addCalendarDays(s2q, Math.floor(rnd() * 20));
    const sent = rnd() < 0.7 ? addCalendarDays(agreed, 20 + Math.floor(rnd() * 80)) : null;
    const closures = i % 5 === 0 ? [addCalendarDays(agreed, 10), addCalendarDays(agreed, 11)] : [];
    out.push({
      procedure: i % 10 === 0 ? 'corporate-two-stage' : 'children-statutory',
      stage2StartsFrom: i % 3 === 0 ? 'stage2Requested' : 'statementAgreed',
      closures,
      keyDates: { stage1Received: s1, stage1Responded: s1r, stage2Requested: s2q, statementAgreed: agreed, stage2ResponseSent: sent },
      extensions: [],
      today,
    });
  }
  return out;
}

/** The obvious day-by-day loop, as a reference for the ratio (and a cross-check of the answer). */
function naiveAdd(from: string, n: number, closures: readonly string[]): string {
  let d = from;
  let left = n;
  while (left > 0) {
    d = addCalendarDays(d, 1);
    const w = dayOfWeek(d);
    if (w !== 0 && w !== 6 && !isBankHoliday(d) && !closures.includes(d)) left--;
  }
  return d;
}

export function benchClocks(): string[] {
  const inputs = generateClockInputs(10_000);
  let clocks = 0;
  computeClocksForMany(inputs); // warm the memoised year tables once, as a running app would have
  const all = bestOf(5, () => {
    clocks = computeClocksForMany(inputs).reduce((a, c) => a + c.length, 0);
  });
  const cold = bestOf(1, () => computeClocksForMany(generateClockInputs(10_000, '2026-11-26')));
  // Reference: the Stage 2 due dates alone by stepping day by day.
  const dues = inputs.map((x) => [x.keyDates.statementAgreed!, x.closures ?? []] as const);
  const naive = bestOf(3, () => {
    for (const [d, c] of dues) naiveAdd(d, 65, c);
  });
  const ours = computeClocksForMany(inputs.slice(0, 200));
  for (let i = 0; i < 200; i++) {
    const x = inputs[i]!;
    if (x.procedure !== 'children-statutory') continue;
    const stage2 = ours[i]!.find((c) => c.id === 'stage2-response-from-statement')!;
    if (stage2.maxDue !== naiveAdd(x.keyDates.statementAgreed!, 65, x.closures ?? [])) throw new Error(`cross-check failed for case ${i}`);
  }
  if (!parseIsoDate('2026-11-27')) throw new Error('unreachable');
  return [
    '## Statutory clocks',
    '',
    `Every clock of 10,000 generated cases (${clocks.toLocaleString('en-GB')} clocks; 2016–2030; a fifth with council closure days).`,
    '',
    '| measure | figure |',
    '|---|---|',
    `| all clocks of 10,000 cases (best of 5) | **${ms(all)}** (aim: well under 100 ms) |`,
    `| the same on a new day, first run | ${ms(cold)} |`,
    `| reference: only the 65-day Stage 2 limit of each case, stepping day by day | ${ms(naive)} |`,
    `| ratio: day-stepping one clock ÷ ours for all ${Math.round(clocks / 10_000)} clocks | ${(naive / all).toFixed(1)}× |`,
    '',
  ];
}
