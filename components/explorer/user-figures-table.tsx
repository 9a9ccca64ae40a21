import { againstUsual, type TUserFigures } from "@/lib/monitor/people/user-figures";

const n = (x: number) => x.toLocaleString("en-US", { maximumFractionDigits: 1 });
const LABEL: Record<number, string> = { 1: "Last 24 hours", 7: "Last 7 days", 28: "Last 28 days" };

/**
 * A staff member's events and distinct patients per window, each a day on average against their
 * own usual day and their peers'. A table, not a chart: every figure with its row and column.
 */
export function UserFiguresTable({ figures }: { figures: TUserFigures }) {
  const { own, peers } = figures;
  return (
    <div className="table-scroll" role="region" aria-label="Activity figures" tabIndex={0}>
      <table>
        <caption className="sr-only">
          Events and distinct patients by period, a day on average, against the usual day
        </caption>
        <thead>
          <tr>
            <th scope="col">Period</th>
            <th scope="col" className="num">
              Events
            </th>
            <th scope="col" className="num">
              Refused or failed
            </th>
            <th scope="col" className="num">
              Distinct patients
            </th>
            <th scope="col" className="num">
              Events a day
            </th>
            <th scope="col" className="num">
              Patients a day
            </th>
            <th scope="col">Patients a day against their own usual day</th>
            <th scope="col">… against their peers&apos;</th>
          </tr>
        </thead>
        <tbody>
          {figures.windows.map((w) => (
            <tr key={w.days}>
              <th scope="row">{LABEL[w.days]}</th>
              <td className="num">{n(w.events)}</td>
              <td className="num">{n(w.denied)}</td>
              <td className="num">{n(w.patients)}</td>
              <td className="num">{n(w.eventsPerDay)}</td>
              <td className="num">{n(w.patientsPerDay)}</td>
              <td>{againstUsual(w.patientsPerDay, own.patients, own.days > 0)}</td>
              <td>{againstUsual(w.patientsPerDay, peers.patients, peers.days > 0)}</td>
            </tr>
          ))}
          <tr>
            <th scope="row">Their usual day ({own.days} days)</th>
            <td colSpan={3} className="muted">
              median of the 28 UTC days before today
            </td>
            <td className="num">{n(own.events)}</td>
            <td className="num">{n(own.patients)}</td>
            <td colSpan={2} />
          </tr>
          <tr>
            <th scope="row">
              Peers&apos; usual day ({peers.people} {peers.people === 1 ? "person" : "people"})
            </th>
            <td colSpan={3} className="muted">
              same role and department, median of their active days
            </td>
            <td className="num">{n(peers.events)}</td>
            <td className="num">{n(peers.patients)}</td>
            <td colSpan={2} />
          </tr>
        </tbody>
      </table>
    </div>
  );
}
