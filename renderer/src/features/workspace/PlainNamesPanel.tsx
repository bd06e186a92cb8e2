import { useMemo } from 'react';
import { findPlainNames, makeMentions, plainNameFinder, type PlainName } from '../../../../shared/documents/plainNames';
import type { CaseEditor } from './useCaseEditor';

/**
 * Names typed as plain words in the case's rich text (every case made before mentions, every imported file
 * of format 2), each shown in context with the person it could be, to make into a mention one at a time or
 * all at once (issue 10). Nothing is converted unless asked; each conversion is an ordinary save, audited
 * and undoable.
 */
export function PlainNamesPanel({ editor }: { editor: CaseEditor }) {
  const r = editor.record!;
  // One finder while the register stays the same: it remembers each text, so a save re-reads only what changed.
  // (Each save brings a new record object: the key is what the finder depends on, by value.)
  const finderKey = JSON.stringify([r.people.map((p) => [p.id, p.name]), r.reference, r.council.protectiveMarking]);
  const finder = useMemo(() => plainNameFinder(r), [finderKey]);
  const found = useMemo(() => findPlainNames(r, finder), [r, finder]);
  if (!found.length) return null;
  const nameOf = (id: string) => r.people.find((p) => p.id === id)?.name ?? id;
  const single = found.filter((n) => n.personIds.length === 1);
  const convert = (picks: { name: PlainName; personId: string }[], describe: string) =>
    void editor.save((rec) => makeMentions(rec, picks), { describe, undoable: picks.length === 1 ? 'making the mention' : 'making the mentions' });

  return (
    <details className="plain-names">
      <summary>
        {found.length} name{found.length === 1 ? ' is' : 's are'} typed as plain text: make {found.length === 1 ? 'it a mention' : 'them mentions'}
      </summary>
      <p className="hint">
        A mention is the person from the people register: the council’s version prints their name and the complainant’s their pseudonym or role. Check
        each place is about the person shown before making it a mention.
      </p>
      {single.length > 1 && (
        <p>
          <button type="button" className="button" onClick={() => convert(single.map((name) => ({ name, personId: name.personIds[0]! })), `Made ${single.length} names mentions.`)}>
            Convert all {single.length}
            {single.length < found.length ? ' that name one person' : ''}
          </button>
        </p>
      )}
      <table className="table">
        <caption>Names typed as plain text</caption>
        <thead>
          <tr>
            <th scope="col">Where</th>
            <th scope="col">In context</th>
            <th scope="col">Make a mention of</th>
          </tr>
        </thead>
        <tbody>
          {found.map((n) => (
            <tr key={n.id}>
              <th scope="row">{n.where}</th>
              <td>
                {n.before}
                <mark>{n.text}</mark>
                {n.after}
              </td>
              <td>
                {n.personIds.map((pid) => (
                  <button
                    key={pid}
                    type="button"
                    className="link"
                    aria-label={
                      n.personIds.length === 1
                        ? `Make this a mention: “${n.text}” in ${n.where}, as ${nameOf(pid)}`
                        : `${nameOf(pid)}: make “${n.text}” in ${n.where} a mention of this person`
                    }
                    onClick={() => convert([{ name: n, personId: pid }], `Made “${n.text}” a mention of ${nameOf(pid)}.`)}
                  >
                    {n.personIds.length === 1 ? 'Make this a mention' : nameOf(pid)}
                  </button>
                ))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}
