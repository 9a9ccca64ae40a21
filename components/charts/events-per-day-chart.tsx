"use client";

import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

export function EventsPerDayChart({ data }: { data: { day: string; allowed: number; denied: number }[] }) {
  return (
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
  );
}
