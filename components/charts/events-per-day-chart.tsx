"use client";

import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

type TDay = { day: string; allowed: number; denied: number };

/** Allowed and denied events per UTC day, as bars and, for screen readers and copying, a table. */
export function EventsPerDayChart({ data }: { data: TDay[] }) {
  return (
    <>
      <div style={{ width: "100%", height: 260 }}>
        <ResponsiveContainer>
          <BarChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: -16 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#dfe5ec" />
            <XAxis dataKey="day" tickFormatter={(d: string) => d.slice(5)} fontSize={12} />
            <YAxis allowDecimals={false} fontSize={12} />
            <Tooltip />
            <Legend />
            <Bar dataKey="allowed" name="Allowed / succeeded" stackId="a" fill="#0f5f8c" isAnimationActive={false} />
            <Bar dataKey="denied" name="Denied / failed" stackId="a" fill="#b42318" isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </div>
      <details>
        <summary>The same figures as a table</summary>
        <table aria-label="Access events per day">
          <thead>
            <tr>
              <th scope="col">Day (UTC)</th>
              <th scope="col">Allowed / succeeded</th>
              <th scope="col">Denied / failed</th>
            </tr>
          </thead>
          <tbody>
            {data.map((d) => (
              <tr key={d.day}>
                <td className="mono">{d.day}</td>
                <td>{d.allowed.toLocaleString("en-US")}</td>
                <td>{d.denied.toLocaleString("en-US")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </>
  );
}
