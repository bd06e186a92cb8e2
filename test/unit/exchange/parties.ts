import fs from 'node:fs';
import path from 'node:path';
import { testSession } from '../../helpers/session';
import { GOOD_PASSPHRASE } from '../../helpers/tmp';
import type { ExchangeRole } from '../../../shared/exchange/card';

/**
 * One person with their own store, on the real handler table: the IO's, the IP's, the council's. `out` is
 * where the next "save" dialog answers (a package or a card); `read` reads a file back as base64.
 */
export async function party(name: string, role: ExchangeRole, organisation: string, opts: { demo?: boolean } = {}) {
  let next: string | null = null;
  // How many times a save dialog was asked for: a refusal that needs no file comes before it.
  let dialogs = 0;
  const t = testSession({
    actor: name,
    chooseSavePath: async () => {
      dialogs++;
      return next;
    },
  });
  await t.call('store.create', { path: path.join(t.dir, 'store.cwstore'), passphrase: GOOD_PASSPHRASE, ownerName: name, demo: opts.demo ?? false });
  await t.call('exchange.setIdentity', { name, role, organisation });
  const saveTo = (file: string) => {
    next = path.join(t.dir, file);
    return next;
  };
  const card = async () => {
    const file = saveTo('card.cwid');
    await t.call('exchange.exportCard', {});
    return fs.readFileSync(file, 'utf8');
  };
  const firstCase = async () => (await t.call('cases.list', {}))[0]!;
  /** The case as exported to JSON, without the export's own time stamp and audit head (for before/after). */
  const snapshot = async (caseId?: string) => {
    const cases = await t.call('cases.list', {});
    const out: unknown[] = [];
    for (const c of cases.filter((x) => !caseId || x.id === caseId)) {
      const { exportedAt: _a, storeAudit: _b, ...rest } = JSON.parse((await t.call('cases.exportJson', { id: c.id })).json) as Record<string, unknown>;
      out.push(rest);
    }
    const contacts = await t.call('exchange.contacts', {});
    const docs = [];
    for (const c of cases) docs.push(await t.call('documents.list', { caseId: c.id }));
    return JSON.stringify({ out, contacts, docs, cases });
  };
  return { ...t, name, saveTo, card, firstCase, snapshot, dialogsAsked: () => dialogs };
}

export const b64 = (file: string) => fs.readFileSync(file).toString('base64');

/** Two people who exchanged and checked each other's cards. */
export async function ioAndIp() {
  const io = await party('Zofia Wójcik-O’Neill', 'investigating officer', 'Ó Briain & Wójcik Investigations', { demo: true });
  const ip = await party('Dr Femi Adebayo', 'independent person', 'Independent person');
  await ip.call('exchange.addContact', { text: await io.card(), verified: true });
  await io.call('exchange.addContact', { text: await ip.card(), verified: true });
  return { io, ip };
}
