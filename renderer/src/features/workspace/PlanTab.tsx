import { useState, type FormEvent } from 'react';
import { dateOrEmpty, dateValue } from '../../ui/validators';
import { DATE_HINT, DateField } from '../../ui/DateField';
import { Alert, Field } from '../../ui/Field';
import { TextField } from '../../ui/TextField';
import type { CaseEditor } from './useCaseEditor';
import { newId } from './useCaseEditor';


/** The investigation plan: lines of enquiry per point, records to obtain, tasks; when it was agreed. */
export function PlanTab({ editor }: { editor: CaseEditor }) {
  const r = editor.record!;
  const plan = r.plan;
  const [record, setRecord] = useState('');
  const [task, setTask] = useState('');
  const [taskDue, setTaskDue] = useState('');
  const [error, setError] = useState<string | null>(null);
  const savePlan = (patch: Partial<typeof plan>, opts?: { undoable?: string; describe?: string }) => editor.save((rec) => ({ ...rec, plan: { ...rec.plan, ...patch } }), opts);
  // Changes to one record or task are made on the plan as saved, so queued edits never undo each other.
  type PlanRecord = (typeof plan.records)[number];
  type PlanTask = (typeof plan.tasks)[number];
  const changeRecord = (id: string, patch: Partial<PlanRecord>) => editor.save((rec) => ({ ...rec, plan: { ...rec.plan, records: rec.plan.records.map((y) => (y.id === id ? { ...y, ...patch } : y)) } }));
  const changeTask = (id: string, patch: Partial<PlanTask>) => editor.save((rec) => ({ ...rec, plan: { ...rec.plan, tasks: rec.plan.tasks.map((y) => (y.id === id ? { ...y, ...patch } : y)) } }));
  const removeRecord = (x: PlanRecord) => editor.save((rec) => ({ ...rec, plan: { ...rec.plan, records: rec.plan.records.filter((y) => y.id !== x.id) } }), { undoable: `removing the record “${x.description}”` });
  const removeTask = (t: PlanTask) => editor.save((rec) => ({ ...rec, plan: { ...rec.plan, tasks: rec.plan.tasks.filter((y) => y.id !== t.id) } }), { undoable: `removing the task “${t.text}”` });

  const addRecord = async (e: FormEvent) => {
    e.preventDefault();
    if (!record.trim()) return setError('Describe the record to obtain.');
    setError(null);
    if (await savePlan({ records: [...plan.records, { id: newId('rec'), description: record.trim(), source: '', requestedOn: null, receivedOn: null, pointIds: [] }] })) setRecord('');
  };
  const addTask = async (e: FormEvent) => {
    e.preventDefault();
    if (!task.trim()) return setError('Describe the task.');
    const dueProblem = dateOrEmpty(taskDue);
    if (dueProblem) return setError(`The task’s due date: ${dueProblem}`);
    setError(null);
    if (await savePlan({ tasks: [...plan.tasks, { id: newId('task'), text: task.trim(), dueOn: dateValue(taskDue), done: false }] })) {
      setTask('');
      setTaskDue('');
    }
  };

  return (
    <section aria-labelledby="plan-heading">
      <h2 id="plan-heading">Investigation plan</h2>
      <div className="grid">
        <DateField label="Plan agreed on" value={plan.agreedOn} onSave={(d) => savePlan({ agreedOn: d })} />
        <TextField label="Agreed with" value={plan.agreedWith} onSave={(v) => savePlan({ agreedWith: v })} hint="The independent person and the complaints manager." />
      </div>
      <h3>Lines of enquiry</h3>
      {r.points.filter((p) => p.status === 'active').map((p) => (
        <TextField key={p.id} label={`Lines of enquiry for point ${p.number}`} multiline value={plan.linesOfEnquiry[p.id] ?? ''} onSave={(v) => savePlan({ linesOfEnquiry: { ...plan.linesOfEnquiry, [p.id]: v } })} />
      ))}
      {error && <Alert kind="error" focus>{error}</Alert>}
      <h3>Records to obtain</h3>
      {plan.records.length > 0 && (
        <table className="table">
          <caption className="visually-hidden">Records to obtain</caption>
          <thead>
            <tr>
              <th scope="col">Record</th>
              <th scope="col">Requested</th>
              <th scope="col">Received</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {plan.records.map((x, i) => (
              <tr key={x.id}>
                <th scope="row">
                  <TextField label={`Record ${i + 1}`} value={x.description} validate={(v) => (v.trim() ? null : 'Describe the record.')} onSave={(v) => changeRecord(x.id, { description: v.trim() })} />
                </th>
                <td>
                  <DateField label={`Requested on (${x.description})`} value={x.requestedOn} onSave={(d) => changeRecord(x.id, { requestedOn: d })} />
                </td>
                <td>
                  <DateField label={`Received on (${x.description})`} value={x.receivedOn} onSave={(d) => changeRecord(x.id, { receivedOn: d })} />
                </td>
                <td>
                  <button type="button" className="link" onClick={() => void removeRecord(x)}>
                    Remove record {i + 1}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <form onSubmit={addRecord} noValidate className="row">
        <Field label="Record to obtain">{({ id }) => <input id={id} value={record} onChange={(e) => setRecord(e.target.value)} />}</Field>
        <button type="submit" className="button button--secondary">
          Add the record
        </button>
      </form>
      <h3>Tasks</h3>
      <ul className="plain-list">
        {plan.tasks.map((t, i) => (
          <li key={t.id} className="item-card">
            <div className="checkbox">
              <input id={`task-${t.id}`} type="checkbox" checked={t.done} onChange={(e) => void changeTask(t.id, { done: e.target.checked })} />
              <label htmlFor={`task-${t.id}`}>
                Task {i + 1} done{t.done ? ' (done)' : ''}
              </label>
            </div>
            <div className="grid">
              <TextField label={`Task ${i + 1}`} value={t.text} validate={(v) => (v.trim() ? null : 'Describe the task.')} onSave={(v) => changeTask(t.id, { text: v.trim() })} />
              <DateField label={`Task ${i + 1} due on`} value={t.dueOn} onSave={(d) => changeTask(t.id, { dueOn: d })} />
            </div>
            <button type="button" className="button button--secondary" onClick={() => void removeTask(t)}>
              Remove task {i + 1}
            </button>
          </li>
        ))}
      </ul>
      <form onSubmit={addTask} noValidate className="row">
        <Field label="Task">{({ id }) => <input id={id} value={task} onChange={(e) => setTask(e.target.value)} />}</Field>
        <Field label="Due on (optional)" hint={DATE_HINT}>{({ id, describedBy }) => <input id={id} aria-describedby={describedBy} value={taskDue} onChange={(e) => setTaskDue(e.target.value)} />}</Field>
        <button type="submit" className="button button--secondary">
          Add the task
        </button>
      </form>
    </section>
  );
}
