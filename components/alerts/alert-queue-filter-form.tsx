import Link from "next/link";
import {
  QUEUE_RULES,
  QUEUE_SEVERITIES,
  QUEUE_STATUSES,
  type TAlertQueueFilters,
} from "@/lib/monitor/alerts/alert-queue-filters";
import type { TPerson } from "@/lib/monitor/alerts/list-alert-queue-options";
import { statusLabel } from "./alert-labels";

const STATUS_OPTION: Record<string, string> = { open: "Open (new or under review)", all: "Any status" };

function Select(p: { name: string; label: string; value?: string; any?: string; options: [string, string][] }) {
  return (
    <div className="field">
      <label htmlFor={`q-${p.name}`}>{p.label}</label>
      <select id={`q-${p.name}`} name={p.name} defaultValue={p.value ?? ""}>
        {p.any !== undefined && <option value="">{p.any}</option>}
        {p.options.map(([v, l]) => (
          <option key={v} value={v}>
            {l}
          </option>
        ))}
      </select>
    </div>
  );
}

/**
 * The queue's filters: a plain GET form, since every value is an id or a code (no patient, no
 * typed text), so the address it leads to can be bookmarked and shared.
 */
export function AlertQueueFilterForm({
  filters,
  officers,
  actors,
}: {
  filters: TAlertQueueFilters | null;
  officers: TPerson[];
  actors: TPerson[];
}) {
  return (
    <form method="get" action="/alerts" className="explorer-filters" aria-label="Filter alerts">
      <div className="filter-grid">
        <Select
          name="status"
          label="Status"
          value={filters?.status ?? "open"}
          options={QUEUE_STATUSES.map((s) => [s, STATUS_OPTION[s] ?? statusLabel(s)])}
        />
        <Select
          name="severity"
          label="Severity"
          value={filters?.severity}
          any="Any"
          options={QUEUE_SEVERITIES.map((s) => [s, s])}
        />
        <Select name="rule" label="Rule" value={filters?.rule} any="Any" options={QUEUE_RULES.map((r) => [r, r])} />
        <Select
          name="owner"
          label="Owner"
          value={filters?.owner}
          any="Anyone or no one"
          options={[
            ["me", "Me"],
            ["unassigned", "Unassigned"],
            ...officers.map((o): [string, string] => [o.id, o.name]),
          ]}
        />
        <Select
          name="actor"
          label="Actor"
          value={filters?.actor}
          any="Any"
          options={actors.map((a) => [a.id, a.name])}
        />
      </div>
      {filters && filters.limit !== 50 && <input type="hidden" name="limit" value={filters.limit} />}
      <div className="filter-actions">
        <button className="button" type="submit">
          Apply filters
        </button>
        <Link href="/alerts" className="button secondary">
          Clear all
        </Link>
      </div>
    </form>
  );
}
