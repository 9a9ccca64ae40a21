import { shadeLevel, type THourOfWeekGrid } from "@/lib/monitor/patterns/hour-of-week-grid";

const WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
const HOURS = Array.from({ length: 24 }, (_, h) => String(h).padStart(2, "0"));

/**
 * Events by weekday and local hour as a shaded table: the table is the chart, so screen readers
 * and keyboard users get every number with its row and column headers; empty cells say 0 to them.
 */
export function HourOfWeekHeatmap({ grid, caption }: { grid: THourOfWeekGrid; caption: string }) {
  return (
    <div className="heatmap-scroll">
      <table className="heatmap">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <td />
            {HOURS.map((h) => (
              <th key={h} scope="col" abbr={`${h}:00`}>
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {grid.cells.map((hours, d) => (
            <tr key={WEEKDAYS[d]}>
              <th scope="row" abbr={WEEKDAYS[d]}>
                {WEEKDAYS[d].slice(0, 3)}
              </th>
              {hours.map((n, h) => (
                <td key={h} className={`heat-${shadeLevel(n, grid.max)}`}>
                  {n > 0 ? n.toLocaleString("en-US") : <span className="sr-only">0</span>}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
