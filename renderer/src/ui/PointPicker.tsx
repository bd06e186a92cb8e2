import type { PointOfComplaint } from '../../../shared/domain/case';

/** A group of checkboxes: which points of complaint an item bears on. */
export function PointPicker(props: { legend: string; points: (PointOfComplaint & { id?: string })[]; value: string[]; onChange: (ids: string[]) => void }) {
  const live = props.points.filter((p) => p.status === 'active');
  if (live.length === 0) return <p className="hint">There are no points of complaint to link yet.</p>;
  return (
    <fieldset className="point-picker">
      <legend>{props.legend}</legend>
      {live.map((p) => {
        const pid = p.id ?? `point-${p.number}`;
        const inputId = `${props.legend}-${pid}`.replace(/[^A-Za-z0-9_-]/g, '-');
        return (
          <div className="checkbox" key={pid}>
            <input
              id={inputId}
              type="checkbox"
              checked={props.value.includes(pid)}
              onChange={(e) => props.onChange(e.target.checked ? [...props.value, pid] : props.value.filter((x) => x !== pid))}
            />
            <label htmlFor={inputId}>
              Point {p.number}: {p.summary.length > 80 ? `${p.summary.slice(0, 80)}…` : p.summary}
            </label>
          </div>
        );
      })}
    </fieldset>
  );
}
