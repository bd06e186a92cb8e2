import { EXCHANGE_ROLES } from '../../shared/exchange/roles';

/** The review exchange's part of the help text: its own module, so showing help loads no crypto or diff code. */
export const EXCHANGE_USAGE = `
  id show                             this store's identity: name, role, organisation, fingerprint
  id set --name NAME --role ROLE [--org ORG]   ROLE: ${EXCHANGE_ROLES.join(', ')}
  id export --out FILE.cwid           save this store's contact card (public keys only)
  id new-keys --reason TEXT           new keys (a laptop lost, a key that may have been copied); the new
                                      card says, signed with the old key, that it replaces the old one
  contact add --file FILE.cwid [--verified]   add someone's card (--verified: fingerprint checked with them)
  contact verify --contact CONTACT    mark a contact's fingerprint as checked with them
  contact revoke --contact CONTACT --reason TEXT   stop trusting a card for good (nothing sent to it,
                                      nothing signed with it opened)
  contact list                        contacts: fingerprint, checked or not (or no longer trusted), name,
                                      role, organisation
  review send --case REF --to CONTACT --out FILE.cwpack [--attach E1]...
                                      issue the next draft and send it for review (--attach: evidence files
                                      to include); --one-off instead of --to locks it with the passphrase in
                                      CASEWRIGHT_PACKAGE_PASSPHRASE
  pkg open --file FILE.cwpack         open a package (the sender's card must have been added); prints what
                                      it held and the case it went to
  review draft --case REF [--version V]   the draft under review, each paragraph with its number
  review comment --case REF --on point:N|finding:N|para:N --text TEXT [--suggest TEXT]
  review edit --case REF --comment ID --text TEXT [--suggest TEXT]   change a comment not yet sent back
  review withdraw --case REF --comment ID   take away a comment not yet sent back
  review agree --case REF --point N --agrees yes|no|query [--reason TEXT]
  review reply --case REF --to CONTACT --out FILE.cwpack   comments and positions back to the sender
  review report --case REF --to CONTACT --out FILE.cwpack  issue your IP report (final) and send it
  review list --case REF              comments with their status, and where each finding stands
  review resolve --case REF --comment ID --as changed|changed-otherwise|declined|answered [--text TEXT]
  review diff --case REF --from V --to V   what changed between two drafts, word by word per section
  case handover --case REF --to CONTACT --out FILE.cwpack  the whole case to the council, for its records
  panel link --case REF --member NAME --contact CONTACT   the contact (their own Casewright's card) a
                                      member's papers are encrypted to; --unlink instead of --contact
  panel list --case REF               each member, their contact, whether it is checked, packages sent
  panel send --case REF --member NAME --out FILE.cwpack [--with KIND]...
                                      build the hearing pack (the panel's version) now and send it, with
                                      the newest issued council version of each KIND, to that member
  papers list                         (a panel member's store) papers received, by hearing, newest first
  papers export --paper ID --out FILE.pdf   save a received paper (ID as papers list shows it)
  papers delete --case REF --confirm REF [--from FINGERPRINT]
                                      delete every version of one hearing's papers from this store, once
                                      the panel no longer needs them (--confirm: the reference typed again)
  CONTACT is a name or a fingerprint.`;
