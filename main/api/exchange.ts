import type { ApiName, ApiOutput, ApiParsedInput } from '../../shared/api/contract';
import { todayInLondon } from '../services/clockToday';
import type { BuiltPackage } from '../services/exchange/exchangeService';
import type { Session } from '../services/session/session';
import { writeExport } from './writeExport';

type Name = Extract<ApiName, `exchange.${string}` | `review.${string}`>;
type ExchangeHandlers = { [N in Name]: (input: ApiParsedInput<N>, session: Session) => Promise<ApiOutput<N>> | ApiOutput<N> };

const PACKAGE_FILTER = { name: 'Casewright package', extensions: ['cwpack'] };


/**
 * Sends a package: a recipient who cannot be sent to (not a contact, not checked, no longer trusted) is refused
 * first; then the person chooses where to save it (cancelling issues nothing), then it is built, written whole,
 * and only then recorded as sent.
 */
async function send(s: Session, suggested: string, to: { to?: string | undefined; passphrase?: string | undefined }, build: () => Promise<BuiltPackage>): Promise<{ path: string | null; packageId: string | null }> {
  s.requireStore();
  await s.exchange().checkRecipient(to);
  const path = await s.platform.chooseSavePath(suggested, PACKAGE_FILTER);
  if (!path) return { path: null, packageId: null };
  const built = await build();
  writeExport(path, built.bytes);
  built.commit();
  return { path, packageId: built.packageId };
}

const today = (s: Session) => s.platform.today?.() ?? todayInLondon();
const ref = (s: Session, caseId: string) => s.cases().get(caseId).record.reference.replace(/[^A-Za-z0-9._-]+/g, '-');

/** The review exchange's part of the handler table (identity, contacts, packages, the review). */
export function exchangeHandlers(): ExchangeHandlers {
  return {
    'exchange.identity': (_i, s) => s.exchange().identity(),
    'exchange.setIdentity': (input, s) => s.exchange().setIdentity(input),
    'exchange.exportCard': async (_i, s) => {
      const x = s.exchange();
      const card = await x.cardFile();
      const me = await x.identity();
      const path = await s.platform.chooseSavePath(card.fileName, { name: 'Casewright contact card', extensions: ['cwid'] });
      if (!path) return { path: null, fingerprint: me.fingerprint };
      writeExport(path, card.text);
      return { path, fingerprint: me.fingerprint };
    },
    'exchange.contacts': (_i, s) => s.exchange().contacts(),
    'exchange.addContact': ({ text, verified }, s) => s.exchange().addContact(text, verified),
    'exchange.verifyContact': ({ contact }, s) => s.exchange().verifyContact(contact),
    'exchange.revokeContact': ({ contact, reason }, s) => s.exchange().revokeContact(contact, reason),
    'exchange.newKeys': ({ reason }, s) => s.exchange().newKeys(reason),
    'exchange.open': ({ dataBase64, passphrase, sender }, s) => s.exchange().open(Buffer.from(dataBase64, 'base64'), { passphrase, sender }),
    'exchange.handover': ({ caseId, to, passphrase }, s) => send(s, `${ref(s, caseId)}-handover.cwpack`, { to, passphrase }, () => s.exchange().sendHandover(caseId, { to, passphrase })),
    'review.send': async ({ caseId, to, passphrase, attachmentIds }, s) => {
      let version: number | null = null;
      const next = Math.max(0, ...(await s.documents()).issued(caseId).filter((d) => d.kind === 'investigation-report' && d.variant === 'council').map((d) => d.version)) + 1;
      const r = await send(s, `${ref(s, caseId)}-draft-${next}.cwpack`, { to, passphrase }, async () => {
        const built = await s.exchange().sendReviewRequest(caseId, { to, passphrase }, attachmentIds, today(s));
        version = built.version ?? null;
        return built;
      });
      return { ...r, version };
    },
    'review.reply': ({ caseId, to, passphrase }, s) => send(s, `${ref(s, caseId)}-comments.cwpack`, { to, passphrase }, () => s.exchange().sendReply(caseId, { to, passphrase })),
    'review.sendReport': ({ caseId, to, passphrase }, s) => send(s, `${ref(s, caseId)}-ip-report.cwpack`, { to, passphrase }, () => s.exchange().sendIpReport(caseId, { to, passphrase }, today(s))),
    'review.comment': ({ caseId, on, text, suggested }, s) => s.exchange().comment(caseId, on, text, suggested),
    'review.editComment': ({ caseId, comment, text, suggested }, s) => s.exchange().editComment(caseId, comment, text, suggested),
    'review.withdrawComment': ({ caseId, comment }, s) => s.exchange().withdrawComment(caseId, comment),
    'review.position': ({ caseId, point, stance, reason }, s) => s.exchange().position(caseId, point, stance, reason),
    'review.resolve': ({ caseId, comment, as, text }, s) => s.exchange().resolve(caseId, comment, as, text),
    'review.state': ({ caseId }, s) => s.exchange().state(caseId),
    'review.draft': ({ caseId, version }, s) => s.exchange().draft(caseId, version),
    'review.diff': ({ caseId, from, to }, s) => s.exchange().diff(caseId, from, to),
    'review.packages': ({ caseId }, s) => s.exchange().packages(caseId),
  };
}
