/** after-hours: activity outside the department's shifts in an hour of the week where neither the actor's nor the department's baseline shows activity. */
import { finding, isStaffOpen, type TRule } from "./rule-context";
import { inShift } from "./shift-hours";
import type { TFinding, TMonitorEvent } from "./types";

export const afterHoursRule: TRule = {
  id: "after-hours",
  evaluate(ctx) {
    const { enabled, severity, maxOwnCount, maxDepartmentCount } = ctx.config.afterHours;
    if (!enabled) return [];
    const { baselines } = ctx.facts;
    const groups = new Map<string, { events: TMonitorEvent[]; hourOfWeek: number; own: number; department: number }>();
    for (const event of ctx.fresh) {
      if (!isStaffOpen(event) || event.actorDepartment === null) continue;
      const department = ctx.facts.departments.get(event.actorDepartment);
      if (!department) continue;
      const t = ctx.local(event);
      if (inShift(department.shifts, t)) continue;
      const own = baselines.actorHourOfWeek(event.actorId, t.hourOfWeek);
      const departmentCount = baselines.departmentHourOfWeek(department.name, t.hourOfWeek);
      if (own > maxOwnCount || departmentCount > maxDepartmentCount) continue;
      const key = `${event.actorId}\n${t.day}`;
      const group = groups.get(key);
      if (group) group.events.push(event);
      else groups.set(key, { events: [event], hourOfWeek: t.hourOfWeek, own, department: departmentCount });
    }
    const out: TFinding[] = [];
    for (const g of groups.values()) {
      out.push(
        finding(ctx, {
          ruleId: "after-hours",
          severity,
          events: g.events,
          actorId: g.events[0]!.actorId!,
          patientId: null,
          reasonCode: "outside-shift-and-baselines",
          details: {
            hourOfWeek: g.hourOfWeek,
            ownBaseline: g.own,
            departmentBaseline: g.department,
            events: g.events.length,
          },
        }),
      );
    }
    return out;
  },
};
