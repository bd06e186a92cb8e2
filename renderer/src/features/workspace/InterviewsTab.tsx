import { useEffect, useRef, useState } from 'react';
import { DateField } from '../../ui/DateField';
import { ATTENDEE_ROLES, INTERVIEW_MODES, INTERVIEW_STATUSES, type Interview } from '../../../../shared/domain/investigation';
import { EMPTY_DOC } from '../../../../shared/domain/richText';
import { call, messageOf } from '../../api';
import { Alert } from '../../ui/Field';
import { PointPicker } from '../../ui/PointPicker';
import { RichTextField } from '../../ui/LazyRichTextField';
import { TextField } from '../../ui/TextField';
import { fileToBase64 } from '../../ui/files';
import type { CaseEditor } from './useCaseEditor';
import { newId } from './useCaseEditor';


/** Interviews: who, when, how, who attended, the questions, the notes (typed or imported from Word), status. */
export function InterviewsTab({ editor, focusItem }: { editor: CaseEditor; focusItem: string | null }) {
  const r = editor.record!;
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [noteVersion, setNoteVersion] = useState(0);
  const focusRef = useRef<HTMLDivElement>(null);
  useEffect(() => focusRef.current?.focus(), []);
  const setInterview = (id: string, patch: Partial<Interview>) => editor.save((rec) => ({ ...rec, interviews: rec.interviews.map((v) => (v.id === id ? { ...v, ...patch } : v)) }));
  const who = (v: Interview) => r.people.find((p) => p.id === v.personId)?.name ?? 'someone not yet chosen';

  return (
    <section aria-labelledby="interviews-heading">
      <h2 id="interviews-heading">Interviews</h2>
      {error && <Alert kind="error">{error}</Alert>}
      {notice && <Alert kind="success">{notice}</Alert>}
      {r.interviews.map((v, n) => (
        <div key={v.id} className="item-card" role="group" aria-label={`Interview ${n + 1} with ${who(v)}`} tabIndex={-1} ref={v.id === focusItem ? focusRef : undefined}>
          <h3>
            Interview {n + 1} with {who(v)} <span className="tag">{v.status}</span>
          </h3>
          <div className="grid">
            <div className="field">
              <label htmlFor={`who-${v.id}`}>Interview {n + 1}: person interviewed</label>
              <select id={`who-${v.id}`} value={v.personId ?? ''} onChange={(e) => void setInterview(v.id, { personId: e.target.value || null })}>
                <option value="">Not chosen</option>
                {r.people.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name}
                    {p.role ? ` (${p.role})` : ''}
                  </option>
                ))}
              </select>
            </div>
            <DateField label={`Interview ${n + 1}: date`} value={v.date} onSave={(d) => setInterview(v.id, { date: d })} />
            <TextField label={`Interview ${n + 1}: time`} value={v.time} placeholder="HH:MM" validate={(x) => (x.trim() === '' || /^([01]\d|2[0-3]):[0-5]\d$/.test(x.trim()) ? null : 'Enter a time as HH:MM, for example 14:30.')} onSave={(x) => setInterview(v.id, { time: x.trim() })} />
            <div className="field">
              <label htmlFor={`mode-${v.id}`}>Interview {n + 1}: how</label>
              <select id={`mode-${v.id}`} value={v.mode} onChange={(e) => void setInterview(v.id, { mode: e.target.value as Interview['mode'] })}>
                {INTERVIEW_MODES.map((m) => (
                  <option key={m}>{m}</option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor={`status-${v.id}`}>Interview {n + 1}: status</label>
              <select id={`status-${v.id}`} value={v.status} onChange={(e) => void setInterview(v.id, { status: e.target.value as Interview['status'] })}>
                {INTERVIEW_STATUSES.map((m) => (
                  <option key={m}>{m}</option>
                ))}
              </select>
            </div>
          </div>
          <TextField
            label={`Interview ${n + 1}: who attended (one per line, as "role: name")`}
            multiline
            rows={3}
            hint={`Roles: ${ATTENDEE_ROLES.join(', ')}.`}
            value={v.attendees.map((a) => `${a.role}: ${a.name}`).join('\n')}
            validate={(x) => {
              const bad = x.split('\n').map((l) => l.trim()).filter(Boolean).find((l) => !ATTENDEE_ROLES.some((role) => l.toLowerCase().startsWith(`${role}:`)) || !l.split(':')[1]?.trim());
              return bad ? `"${bad}" should be a role from the list, a colon and a name, e.g. "note-taker: Sam Jones".` : null;
            }}
            onSave={(x) =>
              setInterview(v.id, {
                attendees: x.split('\n').map((l) => l.trim()).filter(Boolean).map((l) => {
                  const role = ATTENDEE_ROLES.find((ro) => l.toLowerCase().startsWith(`${ro}:`))!;
                  return { role, name: l.slice(role.length + 1).trim() };
                }),
              })
            }
          />
          {v.status === 'planned' && (
            <>
              <div className="checkbox">
                <input type="checkbox" id={`declined-${v.id}`} checked={v.declined} onChange={(e) => void setInterview(v.id, { declined: e.target.checked })} />
                <label htmlFor={`declined-${v.id}`}>Interview {n + 1}: the person declined to be interviewed</label>
              </div>
              <TextField label={`Interview ${n + 1}: why it was not held`} hint="The report lists who was not interviewed and why." multiline rows={2} value={v.notHeldReason} onSave={(x) => setInterview(v.id, { notHeldReason: x })} />
            </>
          )}
          <TextField label={`Interview ${n + 1}: questions`} multiline value={v.questions} onSave={(x) => setInterview(v.id, { questions: x })} />
          <RichTextField key={`${v.id}-${noteVersion}`} label={`Interview ${n + 1}: notes`} value={v.notes} onSave={(doc) => void setInterview(v.id, { notes: doc })} people={r.people} />
          <label className="button button--secondary file-button">
            Import notes for interview {n + 1} from Word (.docx)…
            <input type="file" accept=".docx" className="visually-hidden" onChange={async (e) => {
              const f = e.target.files?.[0];
              e.target.value = '';
              if (!f) return;
              setError(null);
              try {
                const { doc, warnings } = await call('import.docxToRich', { dataBase64: await fileToBase64(f) });
                if (await editor.save((rec) => ({ ...rec, interviews: rec.interviews.map((x) => (x.id === v.id ? { ...x, notes: doc } : x)) }), { undoable: `importing notes for interview ${n + 1}` })) {
                  setNoteVersion((k) => k + 1);
                  setNotice(`Imported the notes from ${f.name}.${warnings.length ? ` Not kept: ${warnings.join('; ')}.` : ''}`);
                }
              } catch (err) {
                setError(messageOf(err));
              }
            }} />
          </label>
          <PointPicker legend={`Points interview ${n + 1} covers`} points={r.points} value={v.pointIds} onChange={(ids) => void setInterview(v.id, { pointIds: ids })} />
          <button type="button" className="button button--secondary" onClick={() => {
            if (window.confirm(`Delete interview ${n + 1} with ${who(v)}?`)) {
              void editor.save((rec) => ({ ...rec, interviews: rec.interviews.filter((x) => x.id !== v.id), chronology: rec.chronology.map((c) => (c.source.kind === 'interview' && c.source.id === v.id ? { ...c, source: { kind: 'other', id: null, note: c.source.note } } : c)) }), { undoable: `deleting interview ${n + 1}` });
            }
          }}>
            Delete interview {n + 1}
          </button>
        </div>
      ))}
      <button type="button" className="button" onClick={() => {
        const interviewId = newId('interview');
        void editor.save((rec) => ({ ...rec, interviews: [...rec.interviews, { id: interviewId, personId: null, date: null, time: '', mode: 'in person', attendees: [], status: 'planned', questions: '', notes: EMPTY_DOC, pointIds: [], declined: false, notHeldReason: '' }] }), { describe: 'Interview added.' });
      }}>
        Plan an interview
      </button>
    </section>
  );
}
