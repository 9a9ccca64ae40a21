import type { TClockStatus } from "@/lib/monitor/cases/case-clocks";

const BADGE: Record<TClockStatus, { cls: string; text: string }> = {
  running: { cls: "warn", text: "running" },
  overdue: { cls: "bad", text: "overdue" },
  stopped: { cls: "muted", text: "stopped: not a breach" },
  met: { cls: "ok", text: "notified in time" },
  late: { cls: "bad", text: "notified late" },
};

/** A clock's status as a badge with words, never colour alone. */
export function ClockBadge({ status }: { status: TClockStatus }) {
  const b = BADGE[status];
  return <span className={`badge ${b.cls}`}>{b.text}</span>;
}

export const utc = (d: Date) => `${d.toISOString().slice(0, 16).replace("T", " ")} UTC`;
