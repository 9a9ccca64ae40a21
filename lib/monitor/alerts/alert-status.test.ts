import { describe, expect, it } from "vitest";
import { ALERT_STATUSES, decideAlertChange, type TAlertChange } from "./alert-status";

const ME = "00000000-0000-4000-8000-000000000001";
const OTHER = "00000000-0000-4000-8000-000000000002";
const at = (status: string, ownerId: string | null = null) => ({ status, ownerId, priority: 3 });

describe("decideAlertChange", () => {
  // Every state × every change: the status it leads to, or the code it is refused with.
  const CHANGES: Record<string, TAlertChange> = {
    start_review: { action: "start_review" },
    close: { action: "close", reasonCode: "false-positive" },
    escalate: { action: "escalate" },
    assign: { action: "assign", ownerId: OTHER },
    set_priority: { action: "set_priority", priority: 1 },
  };
  const TABLE: Record<string, Record<string, string>> = {
    new: { start_review: "under_review", close: "closed", escalate: "escalated", assign: "new", set_priority: "new" },
    under_review: {
      start_review: "!not_new",
      close: "closed",
      escalate: "escalated",
      assign: "under_review",
      set_priority: "under_review",
    },
    closed: {
      start_review: "!alert_closed",
      close: "!alert_closed",
      escalate: "!alert_closed",
      assign: "!alert_closed",
      set_priority: "!alert_closed",
    },
    escalated: {
      start_review: "!alert_closed",
      close: "!alert_closed",
      escalate: "!alert_closed",
      assign: "!alert_closed",
      set_priority: "!alert_closed",
    },
  };
  for (const status of ALERT_STATUSES)
    for (const [name, change] of Object.entries(CHANGES))
      it(`${status} + ${name} → ${TABLE[status]![name]}`, () => {
        const d = decideAlertChange(at(status), change, ME);
        const expected = TABLE[status]![name]!;
        if (expected.startsWith("!")) expect(d).toMatchObject({ ok: false, code: expected.slice(1) });
        else expect(d).toMatchObject({ ok: true, next: { status: expected } });
      });

  it("gives a review to its reviewer unless the alert has an owner, and keeps the close reason", () => {
    expect(decideAlertChange(at("new"), { action: "start_review" }, ME)).toMatchObject({ next: { ownerId: ME } });
    expect(decideAlertChange(at("new", OTHER), { action: "start_review" }, ME)).toMatchObject({
      next: { ownerId: OTHER },
    });
    expect(decideAlertChange(at("new"), { action: "close", reasonCode: "duplicate" }, ME)).toMatchObject({
      reasonCode: "duplicate",
      next: { status: "closed" },
    });
  });

  it("refuses a change that changes nothing", () => {
    expect(decideAlertChange(at("new", OTHER), { action: "assign", ownerId: OTHER }, ME)).toMatchObject({
      ok: false,
      code: "no_change",
    });
    expect(decideAlertChange(at("new"), { action: "set_priority", priority: 3 }, ME)).toMatchObject({
      ok: false,
      code: "no_change",
    });
  });
});
