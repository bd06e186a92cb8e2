import fs from 'node:fs';
import type { ApiInput, ApiName, ApiOutput } from '../../shared/api/contract';
import { PACKAGE_KIND_LABELS } from '../../shared/exchange/package';
import { RESOLUTION_LABELS, type Resolution } from '../../shared/exchange/review';
import { blockText, diffAsText } from '../../shared/exchange/draftDiff';
import { EXCHANGE_ROLES, compactFingerprint, type ExchangeRole } from '../../shared/exchange/card';
import { UserError } from '../services/errors';

/** What the review exchange's commands need from the CLI (cli.ts), so they live apart from it. */
export interface ExchangeCli {
  o: Record<string, string | boolean | string[] | undefined>;
  stdout: (s: string) => void;
  env: NodeJS.ProcessEnv;
  prompt: (q: string) => Promise<string>;
  isTTY: boolean;
  call: <N extends ApiName>(name: N, input: ApiInput<N>) => Promise<ApiOutput<N>>;
  open: () => Promise<unknown>;
  caseId: (ref: string | undefined) => Promise<string>;
  usage: (message: string) => Error;
}


const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

function need(x: ExchangeCli, flag: string, what: string): string {
  const v = str(x.o[flag]);
  if (v === undefined || v === '') throw x.usage(`--${flag} ${what} is required`);
  return v;
}

async function recipient(x: ExchangeCli): Promise<{ to: string } | { passphrase: string }> {
  if (x.o['one-off']) {
    const p = x.env.CASEWRIGHT_PACKAGE_PASSPHRASE || (x.isTTY ? await x.prompt('Passphrase for the package: ') : '');
    if (!p) throw new UserError('INVALID_INPUT', 'No passphrase for the package: set CASEWRIGHT_PACKAGE_PASSPHRASE, or run the command in a terminal to be asked for it.');
    return { passphrase: p };
  }
  return { to: need(x, 'to', 'CONTACT') };
}

function readFile(file: string, what: string): Buffer {
  try {
    const size = fs.statSync(file).size;
    if (size > 300 * 1024 * 1024) throw new UserError('INVALID_INPUT', `${file} is larger than the 300 MB a ${what} can be.`);
    return fs.readFileSync(file);
  } catch (e) {
    if (e instanceof UserError) throw e;
    throw new UserError('NOT_FOUND', `Cannot read ${file} (${(e as NodeJS.ErrnoException).code ?? 'error'}); check the path.`);
  }
}

const RESOLVE_AS: Record<string, Resolution> = { changed: 'changed as suggested', 'changed-otherwise': 'changed otherwise', declined: 'declined', answered: 'answered' };
const STANCE: Record<string, 'agree' | 'disagree' | 'query'> = { yes: 'agree', no: 'disagree', query: 'query' };

/** Runs one of the exchange's commands; returns null when `key` is not one of them. */
export async function runExchangeCommand(key: string, x: ExchangeCli): Promise<number | null> {
  switch (key) {
    case 'id show': {
      await x.open();
      const me = await x.call('exchange.identity', {});
      x.stdout(`${me.name}\n${me.role}${me.organisation ? `, ${me.organisation}` : ''}\nFingerprint: ${me.fingerprint}\n`);
      for (const p of me.previous) x.stdout(`Earlier card: ${p.fingerprint}, replaced ${p.retiredAt.slice(0, 10)} (${p.reason})\n`);
      return 0;
    }
    case 'id new-keys': {
      const reason = need(x, 'reason', 'TEXT');
      await x.open();
      const me = await x.call('exchange.newKeys', { reason });
      x.stdout(`New keys made. Fingerprint: ${me.fingerprint}\nReplaces: ${me.previous[0]!.fingerprint}\nSend your new card ("id export") to each contact and read them the new fingerprint.\n`);
      return 0;
    }
    case 'id set': {
      const role = need(x, 'role', 'ROLE');
      if (!(EXCHANGE_ROLES as readonly string[]).includes(role)) throw x.usage(`--role must be one of: ${EXCHANGE_ROLES.join(', ')}`);
      await x.open();
      const me = await x.call('exchange.setIdentity', { name: need(x, 'name', 'NAME'), role: role as ExchangeRole, organisation: str(x.o.org) ?? '' });
      x.stdout(`${me.name}, ${me.role}. Fingerprint: ${me.fingerprint}\n`);
      return 0;
    }
    case 'id export': {
      need(x, 'out', 'FILE.cwid');
      await x.open();
      const r = await x.call('exchange.exportCard', {});
      x.stdout(`${r.path}\nFingerprint: ${r.fingerprint} (read it to the person who adds this card)\n`);
      return 0;
    }
    case 'contact add': {
      const text = readFile(need(x, 'file', 'FILE.cwid'), 'contact card').toString('utf8');
      await x.open();
      const c = await x.call('exchange.addContact', { text, verified: x.o.verified === true });
      x.stdout(`Added ${c.name} (${c.role}${c.organisation ? `, ${c.organisation}` : ''}).\nFingerprint: ${c.fingerprint}${c.verified ? ' (checked)' : '\nCheck this fingerprint with them (by phone or in person), then run "contact verify".'}\n`);
      if (c.replaced) x.stdout(`This card replaces ${c.replaced.name}'s card ${c.replaced.fingerprint}, which is no longer trusted.\n`);
      return 0;
    }
    case 'contact verify': {
      await x.open();
      const c = await x.call('exchange.verifyContact', { contact: need(x, 'contact', 'CONTACT') });
      x.stdout(`${c.name}: fingerprint ${c.fingerprint} checked.\n`);
      return 0;
    }
    case 'contact revoke': {
      const contact = need(x, 'contact', 'CONTACT');
      const reason = need(x, 'reason', 'TEXT');
      await x.open();
      const c = await x.call('exchange.revokeContact', { contact, reason });
      x.stdout(`${c.name}'s card ${c.fingerprint} is no longer trusted: nothing will be sent to it or opened from it.\n`);
      return 0;
    }
    case 'contact list': {
      await x.open();
      for (const c of await x.call('exchange.contacts', {})) {
        const state = c.revokedAt ? `no longer trusted since ${c.revokedAt.slice(0, 10)} (${c.revokedReason ?? ''})` : c.verified ? 'checked' : 'not checked';
        x.stdout(`${c.fingerprint}\t${state}\t${c.name}\t${c.role}\t${c.organisation}\n`);
      }
      return 0;
    }
    case 'review send': {
      need(x, 'out', 'FILE.cwpack');
      const to = await recipient(x);
      await x.open();
      const caseId = await x.caseId(str(x.o.case));
      const refs = (Array.isArray(x.o.attach) ? x.o.attach : []) as string[];
      const record = (await x.call('cases.get', { id: caseId })).record;
      const attachmentIds = refs.map((ref) => {
        const e = record.evidence.find((v) => v.ref.toLowerCase() === ref.toLowerCase());
        if (!e) throw new UserError('NOT_FOUND', `Case ${record.reference} has no evidence item ${ref}.`);
        if (!e.attachmentId) throw new UserError('NOT_FOUND', `Evidence item ${e.ref} has no file attached to send.`);
        return e.attachmentId;
      });
      const r = await x.call('review.send', { caseId, ...to, attachmentIds });
      x.stdout(`Draft ${r.version} of the investigation report for ${record.reference} saved to ${r.path}\n`);
      return 0;
    }
    case 'pkg open': {
      const data = readFile(need(x, 'file', 'FILE.cwpack'), 'package');
      await x.open();
      let passphrase: string | undefined;
      // A package locked with a passphrase says so in its first line; ask only then.
      if (/^CASEWRIGHT-PACKAGE \d+ passphrase /.test(data.subarray(0, 80).toString('latin1'))) {
        passphrase = x.env.CASEWRIGHT_PACKAGE_PASSPHRASE || (x.isTTY ? await x.prompt('Passphrase of the package: ') : undefined);
      }
      // The command line never decides for the person: the sender's card must have been added.
      const r = await x.call('exchange.open', { dataBase64: data.toString('base64'), sender: 'contact', ...(passphrase ? { passphrase } : {}) });
      const into = r.kind === 'panel-papers' ? `for case ${r.reference} (kept in this store: papers list)` : `into case ${r.reference}`;
      x.stdout(`Opened ${PACKAGE_KIND_LABELS[r.kind]} from ${r.from.name}${r.from.verified ? '' : ' (card not checked)'} ${into}.\n${r.held.map((h) => `  ${h}\n`).join('')}`);
      return 0;
    }
    case 'review draft': {
      await x.open();
      const v = str(x.o.version);
      const r = await x.call('review.draft', { caseId: await x.caseId(str(x.o.case)), ...(v ? { version: Number(v) } : {}) });
      x.stdout(`Draft ${r.version}\n`);
      r.model.blocks.forEach((b, i) => {
        const t = blockText(b);
        if (t) x.stdout(`[para:${i}] ${t}\n`);
      });
      return 0;
    }
    case 'review comment': {
      await x.open();
      await x.call('review.comment', { caseId: await x.caseId(str(x.o.case)), on: need(x, 'on', 'point:N|finding:N|para:N'), text: need(x, 'text', 'TEXT'), suggested: str(x.o.suggest) ?? '' });
      x.stdout('Comment added.\n');
      return 0;
    }
    case 'review edit': {
      await x.open();
      await x.call('review.editComment', { caseId: await x.caseId(str(x.o.case)), comment: need(x, 'comment', 'ID'), text: need(x, 'text', 'TEXT'), suggested: str(x.o.suggest) ?? '' });
      x.stdout('Comment changed.\n');
      return 0;
    }
    case 'review withdraw': {
      await x.open();
      await x.call('review.withdrawComment', { caseId: await x.caseId(str(x.o.case)), comment: need(x, 'comment', 'ID') });
      x.stdout('Comment withdrawn.\n');
      return 0;
    }
    case 'review agree': {
      const stance = STANCE[need(x, 'agrees', 'yes|no|query')];
      if (!stance) throw x.usage('--agrees must be yes, no or query');
      await x.open();
      await x.call('review.position', { caseId: await x.caseId(str(x.o.case)), point: need(x, 'point', 'N'), stance, reason: str(x.o.reason) ?? '' });
      x.stdout('Recorded.\n');
      return 0;
    }
    case 'review reply':
    case 'review report':
    case 'case handover': {
      need(x, 'out', 'FILE.cwpack');
      const to = await recipient(x);
      await x.open();
      const caseId = await x.caseId(str(x.o.case));
      const name = key === 'review reply' ? 'review.reply' : key === 'review report' ? 'review.sendReport' : 'exchange.handover';
      const r = await x.call(name, { caseId, ...to });
      x.stdout(`Saved to ${r.path}\n`);
      return 0;
    }
    case 'review list': {
      await x.open();
      const s = await x.call('review.state', { caseId: await x.caseId(str(x.o.case)) });
      if (!s.side) {
        x.stdout('No draft of this case has been sent or received for review.\n');
        return 0;
      }
      x.stdout(`Drafts: ${s.drafts.join(', ') || 'none'}${s.counterpart ? ` (with ${s.counterpart})` : ''}\n`);
      for (const c of s.comments) {
        const status = c.resolution ? `${RESOLUTION_LABELS[c.resolution.as]}${c.resolution.text ? `: ${c.resolution.text}` : ''}${c.resolution.inDraft ? ` (draft ${c.resolution.inDraft})` : ''}` : 'open';
        const sent = s.side === 'ip' ? (c.sentAt ? `\tsent ${c.sentAt.slice(0, 10)}` : '\tnot sent yet') : '';
        x.stdout(`${c.id.slice(0, 8)}\tdraft ${c.draftVersion}\t${c.anchor.label}\t${status}${sent}\n  ${c.text}\n${c.suggested ? `  Suggested: ${c.suggested}\n` : ''}`);
      }
      for (const f of s.findings) x.stdout(`Point ${f.number}: ${f.finding ?? 'no finding yet'} — ${f.state}${f.position?.reason ? ` (${f.position.reason})` : ''}\n`);
      if (s.ipReport) x.stdout('The independent person report has arrived.\n');
      return 0;
    }
    case 'review resolve': {
      const as = RESOLVE_AS[need(x, 'as', 'changed|changed-otherwise|declined|answered')];
      if (!as) throw x.usage('--as must be changed, changed-otherwise, declined or answered');
      await x.open();
      await x.call('review.resolve', { caseId: await x.caseId(str(x.o.case)), comment: need(x, 'comment', 'ID'), as, text: str(x.o.text) ?? '' });
      x.stdout(`Resolved: ${RESOLUTION_LABELS[as]}.\n`);
      return 0;
    }
    case 'review diff': {
      const from = Number(need(x, 'from', 'V'));
      const to = Number(need(x, 'to', 'V'));
      if (!Number.isInteger(from) || !Number.isInteger(to) || from < 1 || to < 1) throw x.usage('--from and --to are draft numbers (1, 2 …)');
      await x.open();
      x.stdout(`${diffAsText(await x.call('review.diff', { caseId: await x.caseId(str(x.o.case)), from, to }))}\n`);
      return 0;
    }
    case 'panel link': {
      const contact = x.o.unlink === true ? null : need(x, 'contact', 'CONTACT');
      await x.open();
      const member = need(x, 'member', 'NAME');
      const v = await x.call('papers.link', { caseId: await x.caseId(str(x.o.case)), member, contact });
      const m = v.members.find((y) => y.name.toLocaleLowerCase('en-GB') === member.trim().toLocaleLowerCase('en-GB') || y.id === member.trim());
      x.stdout(m?.contact ? `${m.name}: papers go to ${m.contact.name} (${m.contact.fingerprint})${m.contact.verified ? '' : '; check this fingerprint with them before sending'}.\n` : `${member}: not linked.\n`);
      return 0;
    }
    case 'panel list': {
      await x.open();
      const v = await x.call('papers.panel', { caseId: await x.caseId(str(x.o.case)) });
      for (const m of v.members) {
        const c = m.contact ? `${m.contact.name} (${m.contact.fingerprint}, ${m.contact.verified ? 'checked' : 'not checked'})` : 'no contact linked';
        x.stdout(`${m.id}\t${m.role}\t${m.name}\t${c}\t${m.sent.length ? `sent ${m.sent.length}, last ${m.sent.at(-1)!.at.slice(0, 16).replace('T', ' ')}` : 'not sent'}\n`);
      }
      x.stdout(`Issued documents that can go with the pack (--with): ${v.documents.map((d) => `${d.kind} (version ${d.version})`).join(', ') || 'none'}\n`);
      for (const p of v.problems) x.stdout(`Cannot send yet: ${p}\n`);
      return 0;
    }
    case 'panel send': {
      need(x, 'out', 'FILE.cwpack');
      const recipient = str(x.o.for) ?? 'panel';
      if (!['panel', 'complainant', 'council'].includes(recipient)) throw x.usage('--for must be panel (the only version a panel member gets)');
      await x.open();
      const documents = ((Array.isArray(x.o.with) ? x.o.with : []) as string[]).map((w) => {
        const [kind, variant] = w.split(':');
        if (variant !== undefined && variant !== 'council' && variant !== 'complainant') throw x.usage('--with is KIND, KIND:council or KIND:complainant');
        return { kind: kind!, variant: (variant ?? 'council') as 'council' | 'complainant' };
      });
      const r = await x.call('papers.send', { caseId: await x.caseId(str(x.o.case)), member: need(x, 'member', 'NAME'), documents, recipient: recipient as 'panel' });
      x.stdout(`Saved to ${r.path}\nThe hearing pack (the panel's version, ${r.pages} pages, SHA-256 ${r.sha256})${r.papers.length ? ` with: ${r.papers.join('; ')}` : ''}\n`);
      return 0;
    }
    case 'papers list': {
      await x.open();
      const hearings = await x.call('papers.received', {});
      if (!hearings.length) x.stdout('No papers received yet.\n');
      for (const h of hearings) {
        x.stdout(`Case ${h.reference}, ${h.hearingDate ? `hearing on ${h.hearingDate}` : 'hearing date not fixed'}, from ${h.from.name}${h.from.organisation ? ` (${h.from.organisation})` : ''} (${h.from.fingerprint})\n`);
        for (const d of h.deliveries) {
          x.stdout(`  Version ${d.version}${d.newest ? ' (newest)' : ' (earlier)'}, sent ${d.sentAt.slice(0, 16).replace('T', ' ')}, for ${d.memberName}\n`);
          for (const p of d.papers) x.stdout(`    ${p.id.slice(0, 8)}\t${p.pages} pages\t${p.title}\tSHA-256 ${p.sha256}${p.matchesManifest ? ' (matches the sender\'s manifest)' : ' (DOES NOT match the sender\'s manifest)'}\n`);
        }
      }
      return 0;
    }
    case 'papers delete': {
      // Every version of one hearing's papers, confirmed by typing its case reference again (--confirm).
      const ref = need(x, 'case', 'REF').trim();
      const confirm = need(x, 'confirm', 'REF');
      const from = str(x.o.from)?.trim();
      await x.open();
      const hearings = (await x.call('papers.received', {})).filter((h) => h.reference === ref && (!from || compactFingerprint(h.from.fingerprint) === compactFingerprint(from)));
      if (!hearings.length) throw new UserError('NOT_FOUND', `No papers received for case ${ref}${from ? ` from ${from}` : ''}; "papers list" shows them.`);
      if (hearings.length > 1) throw new UserError('INVALID_INPUT', `Papers for case ${ref} came from more than one sender; add --from with the sender's fingerprint ("papers list" shows it).`);
      const r = await x.call('papers.deleteHearing', { hearing: hearings[0]!.key, confirmReference: confirm });
      x.stdout(`Deleted the papers for case ${r.reference}: ${r.papers} paper${r.papers === 1 ? '' : 's'} in ${r.packages} package${r.packages === 1 ? '' : 's'}.\n`);
      return 0;
    }
    case 'papers export': {
      need(x, 'out', 'FILE.pdf');
      await x.open();
      const ref = need(x, 'paper', 'ID').trim().toLowerCase();
      const all = (await x.call('papers.received', {})).flatMap((h) => h.deliveries.flatMap((d) => d.papers));
      const found = ref.length >= 4 ? all.filter((p) => p.id.toLowerCase().startsWith(ref)) : [];
      if (found.length !== 1) throw new UserError('NOT_FOUND', found.length > 1 ? `More than one paper starts with ${ref}; give more of its id.` : `No paper received has the id ${ref}; "papers list" shows them.`);
      const r = await x.call('papers.export', { id: found[0]!.id });
      x.stdout(`${r.path}\n`);
      return 0;
    }
    default:
      return null;
  }
}
