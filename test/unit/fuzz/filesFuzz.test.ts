import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDispatcher, type Dispatch } from '../../../main/api/handlers';
import { memorySettings } from '../../../main/services/platform';
import { Session } from '../../../main/services/session/session';
import { SAMPLE_EML, makeDocx, makePdf } from '../../fixtures/makeFiles';
import { docxBomb, elfExecutable, makeDocxXml, svgAsGif, tinyGif, tinyPng } from '../../fixtures/hostileFiles';
import { GOOD_PASSPHRASE, tempDir } from '../../helpers/tmp';

/**
 * Random and hostile files thrown at the attachment and Word-import entry points through the handler table:
 * valid files with bytes flipped, cut short or spliced, under true and lying names, plus arbitrary bytes and
 * names. Every refusal must be one plain sentence (never INTERNAL), and the store must still verify.
 * `npm test` runs a few rounds; FUZZ_RUNS=500 npx vitest run test/unit/fuzz runs a long campaign
 * (figures in docs/security.md). FUZZ_SEED replays a failure.
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 12);
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined;
const TIMEOUT = 60_000 + RUNS * 20_000;

let dispatch: Dispatch;
let session: Session;
let caseId: string;
let seeds: Record<string, Buffer>;
let added = 0;

beforeAll(async () => {
  session = new Session({
    actor: 'Fuzz',
    appVersion: 'test',
    settings: memorySettings(),
    vault: null,
    chooseStorePath: async () => null,
      // The test stands in for a person who chose this file in the app's dialog.
      allowsPath: () => true,
    chooseSavePath: async () => null,
    chooseFolder: async () => null,
    emit: () => {},
  });
  dispatch = createDispatcher(session);
  const dir = tempDir();
  expect(await dispatch('store.create', { path: path.join(dir, 'fuzz.cwstore'), passphrase: GOOD_PASSPHRASE, ownerName: 'Fuzz' })).toMatchObject({ ok: true });
  const demo = (await dispatch('cases.addDemo', {})) as { ok: true; data: { id: string } };
  caseId = demo.data.id;
  const list = (await dispatch('attachments.list', { caseId })) as { ok: true; data: unknown[] };
  added = list.data.length;
  seeds = {
    docx: await makeDocx(),
    pdf: await makePdf([['Placement plan.'], ['Review notes, page two.']]),
    eml: Buffer.from(SAMPLE_EML),
    txt: Buffer.from('Family time was reduced to fortnightly.\n'),
    gif: tinyGif(),
    png: tinyPng(),
    bomb: await docxBomb(40),
    nested: await makeDocxXml('<w:tbl><w:tr><w:tc>'.repeat(200) + '<w:p><w:r><w:t>deep</w:t></w:r></w:p>' + '</w:tc></w:tr></w:tbl>'.repeat(200)),
    elf: elfExecutable(),
    svg: svgAsGif(),
  };
}, 120_000);

const outcomes: Record<string, number> = {};
const tally = (k: string) => (outcomes[k] = (outcomes[k] ?? 0) + 1);
const started = performance.now();
afterAll(() => {
  session?.lock('user');
  if (process.env.FUZZ_RUNS) console.log(`fuzz: ${JSON.stringify(outcomes)} in ${((performance.now() - started) / 1000).toFixed(0)} s`);
});

const INTERNAL = /unexpected problem|Cannot read|undefined|is not a function|\bat [\w.]+ \(|TypeError|RangeError|SQLITE|constraint/i;

/** One sentence: ends with a full stop and starts no second sentence (the file's own name aside). */
function expectOneSentence(message: string, fileName = '') {
  // Where the sentence quotes the name; a very short name (".", "a") only once, so it does not stand for every
  // full stop or letter of the sentence.
  const m = !fileName ? message : fileName.length >= 3 ? message.split(fileName).join('FILE') : message.replace(fileName, 'FILE');
  expect(m, message).toMatch(/\.$/);
  expect(m.slice(0, -1), message).not.toMatch(/[.!?]\s+[A-Z]/);
  expect(m, message).not.toMatch(INTERNAL);
}

const SEED_EXT: Record<string, string> = { docx: '.docx', pdf: '.pdf', eml: '.eml', txt: '.txt', gif: '.gif', png: '.png', bomb: '.docx', nested: '.docx', elf: '.txt', svg: '.gif' };

/** A seed file with bytes flipped, a slice cut out or spliced in, or cut short; named as its kind. */
const mutatedFrom = (...names: string[]) => fc
  .record({
    seed: fc.constantFrom(...names),
    flips: fc.oneof(
      { arbitrary: fc.constant([] as [number, number][]), weight: 1 },
      { arbitrary: fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 }), weight: 2 },
    ),
    cut: fc.oneof({ arbitrary: fc.constant(undefined), weight: 4 }, { arbitrary: fc.double({ min: 0, max: 1, noNaN: true }), weight: 1 }),
    splice: fc.oneof({ arbitrary: fc.constant(undefined), weight: 4 }, { arbitrary: fc.uint8Array({ maxLength: 64 }), weight: 1 }),
  })
  .map(({ seed, flips, cut, splice }) => {
    const b = Buffer.from(seeds[seed]!);
    for (const [at, v] of flips) b[Math.floor(at * (b.length - 1))] = v;
    let out: Buffer = cut === undefined ? b : b.subarray(0, Math.max(1, Math.floor(cut * b.length)));
    if (splice) {
      const at = Math.floor(out.length / 2);
      out = Buffer.concat([out.subarray(0, at), Buffer.from(splice), out.subarray(at)]);
    }
    return { data: out, ext: SEED_EXT[seed]! };
  });
const mutated = mutatedFrom(...Object.keys(SEED_EXT));

const anyBytes = fc.uint8Array({ minLength: 0, maxLength: 4096 }).map((u) => Buffer.from(u));
const ext = fc.constantFrom('.pdf', '.docx', '.eml', '.txt', '.png', '.jpg', '.jpeg', '.gif', '.PDF', '.exe', '.svg', '');
const fileName = fc.oneof(
  fc.tuple(fc.stringMatching(/^[A-Za-z0-9 _-]{1,40}$/), ext).map(([n, e]) => n + e),
  fc.string({ minLength: 1, maxLength: 255 }),
);

describe('fuzzing the file entry points through the handler table', () => {
  it(
    'attachments.add: every refusal is one sentence and nothing half-added',
    async () => {
      await fc.assert(
        fc.asyncProperty(fc.oneof(mutated, mutated, mutated, anyBytes.map((data) => ({ data, ext: '' }))), fileName, fc.integer({ min: 0, max: 4 }), async ({ data, ext: trueExt }, other, coin) => {
          // Mostly named as what it is (so the readers get it), sometimes any name at all.
          const name = coin > 0 && trueExt ? `evidence${trueExt}` : other;
          const r = await dispatch('attachments.add', { caseId, fileName: name, dataBase64: data.toString('base64') });
          tally(r.ok ? 'added' : r.error.code);
          if (process.env.FUZZ_DEBUG) console.log(r.ok ? `added ${name} ${(r.data as { mimeType: string }).mimeType}` : r.error.message.slice(0, 90));
          if (r.ok) added++;
          else {
            expect(r.error.code, r.error.message).not.toBe('INTERNAL');
            expectOneSentence(r.error.message, name.replace(/[\\/]/g, '_').trim().slice(0, 255));
          }
          const list = (await dispatch('attachments.list', { caseId })) as { ok: true; data: unknown[] };
          expect(list.data).toHaveLength(added);
        }),
        { numRuns: RUNS, ...(SEED !== undefined ? { seed: SEED } : {}) },
      );
      expect(await dispatch('store.verify', {})).toMatchObject({ ok: true, data: { ok: true, problems: [] } });
    },
    TIMEOUT,
  );

  it(
    'import.docxToRich: every refusal is one sentence, every result a valid document',
    async () => {
      await fc.assert(
        fc.asyncProperty(fc.oneof(
          { arbitrary: mutatedFrom('docx', 'bomb', 'nested').map((m) => m.data), weight: 3 },
          { arbitrary: mutatedFrom('docx').map((m) => m.data), weight: 3 },
          { arbitrary: anyBytes, weight: 1 },
          { arbitrary: fc.string({ maxLength: 200 }).map((s) => Buffer.from(s, 'latin1')), weight: 1 },
        ), async (data) => {
          const r = await dispatch('import.docxToRich', { dataBase64: data.toString('base64') });
          tally(r.ok ? 'imported' : `import ${r.error.code}`);
          if (process.env.FUZZ_DEBUG && !r.ok) console.log(r.error.message);
          if (r.ok) expect((r.data as { doc: { type: string } }).doc.type).toBe('doc');
          else {
            expect(r.error.code, r.error.message).not.toBe('INTERNAL');
            expectOneSentence(r.error.message);
          }
        }),
        { numRuns: Math.max(4, Math.round(RUNS / 2)), ...(SEED !== undefined ? { seed: SEED } : {}) },
      );
      expect(await dispatch('store.verify', {})).toMatchObject({ ok: true, data: { ok: true, problems: [] } });
    },
    TIMEOUT,
  );
});
