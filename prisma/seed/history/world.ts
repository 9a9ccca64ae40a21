// What the history is generated from: the seeded staff, patients, departments and care teams,
// plus the pairs an ordinary day must leave alone (they would be snooping). Plain data, so the
// generator stays pure and deterministic; load-world.ts reads it from the database.
import type { Role } from "../../../lib/generated/prisma/enums";
import type { TDepartmentHours } from "./shift-patterns";

export type TStaffMember = {
  id: string;
  email: string;
  name: string;
  role: Role;
  department: string | null;
  /** Staff number in the generated email (`….7@staff…`), null for the demo accounts. */
  staffNumber: number | null;
  mfa: boolean;
  /** When the account stopped being active (disabled or terminated), if it did. */
  inactiveFrom: Date | null;
  /** The portal account's patient (PATIENT role). */
  patientId: string | null;
};

export type TWorld = {
  staff: readonly TStaffMember[];
  /** Patient ids in a stable order (MRN order for the demo). */
  patients: readonly string[];
  departments: readonly TDepartmentHours[];
  /** Current care-team patients of each clinician. */
  careTeams: ReadonlyMap<string, readonly string[]>;
  /** `${staffId}\n${patientId}`: same last name, same or prior address, a contact's name, own record. */
  relatedPairs: ReadonlySet<string>;
  /** Patients an ordinary day never opens: VIPs, the deceased, employees who are patients. */
  restricted: ReadonlySet<string>;
};

export const pairKey = (staffId: string, patientId: string) => `${staffId}\n${patientId}`;

/** The departments each patient is cared for by (its care team's departments). */
export function patientDepartments(world: Pick<TWorld, "staff" | "careTeams">): Map<string, Set<string>> {
  const dept = new Map(world.staff.map((s) => [s.id, s.department]));
  const out = new Map<string, Set<string>>();
  for (const [staffId, patients] of world.careTeams) {
    const d = dept.get(staffId);
    if (!d) continue;
    for (const p of patients) {
      let set = out.get(p);
      if (!set) out.set(p, (set = new Set()));
      set.add(d);
    }
  }
  return out;
}
