import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createDispatcher } from '../main/api/handlers';
import { memorySettings } from '../main/services/platform';
import { Session } from '../main/services/session/session';
import type { ApiInput, ApiName, ApiOutput } from '../shared/api/contract';
import { generateKeys } from '../main/services/exchange/packageFile';
import { mib, ms } from './stats';
import { sources } from './bundle';

const PASSPHRASE = 'violet kettle under moonlight';

async function person(dir: string, name: string, demo: boolean) {
  let next: string | null = null;
  const session = new Session({
    actor: name, appVersion: 'bench', settings: memorySettings(), vault: null, chooseStorePath: async () => null, allowsPath: () => true,
    chooseSavePath: async () => next, chooseFolder: async () => null, emit: () => {}, today: () => '2026-11-25',
  });
  const dispatch = createDispatcher(session);
  const call = async <N extends ApiName>(n: N, input: ApiInput<N>): Promise<ApiOutput<N>> => {
    const r = await dispatch(n, input);
    if (!r.ok) throw new Error(r.error.message);
    return r.data as ApiOutput<N>;
  };
  const t0 = performance.now();
  await call('store.create', { path: path.join(dir, `${name}.cwstore`), passphrase: PASSPHRASE, ownerName: name, demo });
  const created = performance.now() - t0;
  const saveTo = (f: string) => (next = path.join(dir, f));
  const card = async () => {
    const f = saveTo(`${name}.cwid`);
    await call('exchange.exportCard', {});
    return fs.readFileSync(f, 'utf8');
  };
  return { call, dispatch, saveTo, card, created, session };
}

const time = async <T>(fn: () => Promise<T>): Promise<[T, number]> => {
  const t = performance.now();
  const r = await fn();
  return [r, performance.now() - t];
};

/** The review exchange: sending and opening packages between two real stores, with and without a large file. */
export async function benchExchange(): Promise<string[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'casewright-bench-exchange-'));
  try {
    const io = await person(dir, 'io', true);
    const ip = await person(dir, 'ip', false);
    await io.call('exchange.addContact', { text: await ip.card(), verified: true });
    await ip.call('exchange.addContact', { text: await io.card(), verified: true });
    const c = (await io.call('cases.list', {}))[0]!;
    // A 20 MB text file on the evidence register, ticked for the second draft.
    const big = Buffer.alloc(20 * 1024 * 1024, 'Placement planning notes. ');
    const file = await io.call('attachments.add', { caseId: c.id, fileName: 'notes.txt', dataBase64: big.toString('base64') });
    const rows: string[] = [];
    const keygen: number[] = [];
    for (let i = 0; i < 5; i++) keygen.push((await time(() => generateKeys()))[1]);
    const f1 = io.saveTo('d1.cwpack');
    const [, send1] = await time(() => io.call('review.send', { caseId: c.id, to: 'ip' }));
    const size1 = fs.statSync(f1).size;
    const [opened1, open1] = await time(() => ip.call('exchange.open', { dataBase64: fs.readFileSync(f1).toString('base64') }));
    const f2 = io.saveTo('d2.cwpack');
    const [, send2] = await time(() => io.call('review.send', { caseId: c.id, to: 'ip', attachmentIds: [file.id] }));
    const bytes2 = fs.readFileSync(f2);
    const bad = Buffer.from(bytes2);
    const mid = Math.floor(bad.length / 2);
    bad[mid] = bad[mid]! ^ 0x20;
    const [refused, refuse] = await time(() => ip.dispatch('exchange.open', { dataBase64: bad.toString('base64') }));
    if (refused.ok) throw new Error('a damaged package opened');
    const [, open2] = await time(() => ip.call('exchange.open', { dataBase64: bytes2.toString('base64') }));
    const [, diff] = await time(() => ip.call('review.diff', { caseId: opened1.caseId!, from: 1, to: 2 }));
    rows.push(
      '## Review exchange',
      '',
      'Two real encrypted stores on the handler table (the demo case); package sizes and wall times of one run each, including the handler\'s validation.',
      '',
      '| measure | figure |',
      '|---|---|',
      `| make an identity's two key pairs (X25519 and Ed25519), best of 5 | ${ms(Math.min(...keygen))} |`,
      `| create a store with the demo case and its identity (passphrase key derivation included) | ${ms(io.created)} |`,
      `| send draft 1 (issue the draft, build the reviewer's copy, sign, encrypt, write) | ${ms(send1)} |`,
      `| package size, draft 1 with no files | ${(size1 / 1024).toFixed(1)} KiB |`,
      `| open draft 1 in the IP's store (all checks, new case, draft kept) | ${ms(open1)} |`,
      `| send draft 2 with a 20 MiB file ticked | ${ms(send2)} |`,
      `| package size, draft 2 with the 20 MiB file | ${mib(bytes2.length)} |`,
      `| refuse draft 2 with one byte changed in the middle (nothing written) | ${ms(refuse)} |`,
      `| open draft 2 (decrypt, verify, check the file, store it) | ${ms(open2)} |`,
      `| word diff of draft 1 and draft 2 | ${ms(diff)} |`,
      '',
      ...(await benchPanelPapers(io, ip, c.id, dir)),
    );
    io.session.lock('user');
    ip.session.lock('user');
    return rows;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Issue 16: the hearing pack of 500 pages (the hearing-pack bench's 40 PDFs, added to the demo case's pack
 * through the API with their attachment checks) sent to a panel member and opened in their store.
 */
async function benchPanelPapers(team: Awaited<ReturnType<typeof person>>, member: Awaited<ReturnType<typeof person>>, caseId: string, dir: string): Promise<string[]> {
  const src = path.join(dir, 'pack-sources');
  fs.mkdirSync(src);
  await sources(src);
  for (const f of fs.readdirSync(src).filter((x) => x.endsWith('.pdf')).sort()) {
    await team.call('bundle.addFile', { caseId, fileName: f, section: 'C', dataBase64: fs.readFileSync(path.join(src, f)).toString('base64') });
  }
  await team.call('bundle.addPanelMember', { caseId, name: 'Ewa Łukasiewicz-Öztürk', role: 'chair', independent: true });
  await team.call('papers.link', { caseId, member: 'Ewa Łukasiewicz-Öztürk', contact: 'ip' });
  const f = team.saveTo('panel.cwpack');
  const [sent, send] = await time(() => team.call('papers.send', { caseId, member: 'Ewa Łukasiewicz-Öztürk' }));
  const bytes = fs.readFileSync(f);
  const bad = Buffer.from(bytes);
  const mid = Math.floor(bad.length / 2);
  bad[mid] = bad[mid]! ^ 0x20;
  const [refused, refuse] = await time(() => member.dispatch('exchange.open', { dataBase64: bad.toString('base64') }));
  if (refused.ok) throw new Error('a damaged package opened');
  const [, open] = await time(() => member.call('exchange.open', { dataBase64: bytes.toString('base64') }));
  const paper = (await member.call('papers.received', {}))[0]!.deliveries[0]!.papers[0]!;
  const [, read] = await time(() => member.call('papers.read', { id: paper.id }));
  return [
    '### Papers for the review panel (issue 16)',
    '',
    `The hearing pack of ${sent.pages} pages (the 40 PDFs of the hearing-pack bench below, in the demo case's pack), sent to a panel member's store; one run each.`,
    '',
    '| measure | figure |',
    '|---|---|',
    `| send: build the panel's version in memory, sign, encrypt, write | ${ms(send)} |`,
    `| package size (the pack PDF is ${mib(paper.size)}) | ${mib(bytes.length)} |`,
    `| refuse it with one byte changed in the middle (nothing written) | ${ms(refuse)} |`,
    `| open it in the member's store (decrypt, verify, read the PDF, keep it) | ${ms(open)} |`,
    `| read the pack back for the viewer (papers.read, base64) | ${ms(read)} |`,
    '',
  ];
}
