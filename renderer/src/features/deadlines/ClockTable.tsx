import { formatShortDate } from '../../../../shared/calendar/date';
import type { ClockView } from '../../../../shared/clock/caseClocks';

const STATE_ICON: Record<ClockView['state'], string> = {
  'not-started': '○',
  'on-track': '●',
  'due-soon': '▲',
  overdue: '✖',
  met: '✔',
  'met-late': '✔',
  'no-limit': '–',
};

/** The state in words, with a shape and a colour as extras (never colour alone). */
export function ClockState(props: { clock: ClockView }) {
  // A clock kept only for comparison is never a deadline to chase: no alarm colour, and it says so.
  if (props.clock.alternative) {
    return (
      <span className="state state--comparison">
        <span aria-hidden="true">{STATE_ICON[props.clock.state]} </span>
        {props.clock.stateLabel} (for comparison only)
      </span>
    );
  }
  return (
    <span className={`state state--${props.clock.state}`}>
      <span aria-hidden="true">{STATE_ICON[props.clock.state]} </span>
      {props.clock.stateLabel}
    </span>
  );
}

const d = (x: string | null) => (x ? formatShortDate(x) : '—');

/** Every clock of one case, in procedure order: its timeline. */
export function ClockTable(props: { clocks: ClockView[]; caption: string }) {
  const anyProvisional = props.clocks.some((c) => c.provisional);
  return (
    <>
      {/* On a narrow window the table scrolls inside its own box (reachable by keyboard), never the page. */}
      <div className="table-scroll" role="region" aria-label={`${props.caption} (scrolls sideways on a narrow window)`} tabIndex={0}>
      <table className="table clocks">
        <caption>{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">Clock</th>
            <th scope="col">Starts</th>
            <th scope="col">Due</th>
            <th scope="col">Ended</th>
            <th scope="col">Working days taken</th>
            <th scope="col">Working days left</th>
            <th scope="col">State</th>
          </tr>
        </thead>
        <tbody>
          {props.clocks.map((c) => (
            <tr key={c.id} className={c.alternative ? 'clock--alternative' : undefined}>
              <th scope="row">
                {c.label}
                {c.statutory && <span className="tag">statutory</span>}
                {c.alternative && <span className="tag tag--muted">for comparison</span>}
                {c.extendedTo && <span className="tag">extended</span>}
              </th>
              <td>{d(c.start)}</td>
              <td>
                {c.unit === 'calendar-months' && c.due ? `${d(c.due)} (12 months)` : d(c.due)}
                {c.provisional && <span aria-label="provisional">*</span>}
              </td>
              <td>{d(c.end)}</td>
              <td>{c.takenDays ?? '—'}</td>
              <td>{c.leftDays === null ? '—' : c.leftDays < 0 ? `${-c.leftDays} over` : c.leftDays}</td>
              <td>
                <ClockState clock={c} />
                {c.lateReason && <div className="hint">Reason: {c.lateReason}</div>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      </div>
      {anyProvisional && (
        <p className="hint">
          * Worked out with bank holidays from the usual rules, as the year's dates are not yet confirmed; a one-off bank holiday may
          still be announced.
        </p>
      )}
    </>
  );
}
