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
      {error && <Alert kind="error">{error}</Alert>}
      <h3>Records to obtain</h3>
      {plan.records.length > 0 && (
        <table className="table">
          <caption className="visually-hidden">Records to obtain</caption>
          <thead>
            <tr>
              <th scope="col">Record</th>
              <th scope="col">Requested</th>
              <th scope="col">Received</th>
            </tr>
          </thead>
          <tbody>
            {plan.records.map((x) => (
              <tr key={x.id}>
                <th scope="row">{x.description}</th>
                <td>
                  <DateField label={`Requested on (${x.description})`} value={x.requestedOn} onSave={(d) => savePlan({ records: plan.records.map((y) => (y.id === x.id ? { ...y, requestedOn: d } : y)) })} />
                </td>
                <td>
                  <DateField label={`Received on (${x.description})`} value={x.receivedOn} onSave={(d) => savePlan({ records: plan.records.map((y) => (y.id === x.id ? { ...y, receivedOn: d } : y)) })} />
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
        {plan.tasks.map((t) => (
          <li key={t.id} className="checkbox">
            <input id={`task-${t.id}`} type="checkbox" checked={t.done} onChange={(e) => void savePlan({ tasks: plan.tasks.map((y) => (y.id === t.id ? { ...y, done: e.target.checked } : y)) })} />
            <label htmlFor={`task-${t.id}`}>
              {t.text}
              {t.dueOn && ` (due ${t.dueOn})`}
              {t.done && ' (done)'}
            </label>
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
