// A world like the demo's without a database (ids are made up), for the generator's pure tests.
import { Faker, en } from "@faker-js/faker";
import { DEMO_DEPARTMENTS } from "../../monitoring-facts";
import { DEPARTMENTS } from "../../staff-factories";
import { planCareTeams, withCareTeams } from "../plan-care-teams";
import type { TStaffMember, TWorld } from "../world";

const id = (kind: number, n: number) => `00000000-0000-4000-8${kind}00-${String(n).padStart(12, "0")}`;

export function syntheticWorld(
  o: { patients?: number; staff?: number; departments?: TWorld["departments"] } = {},
): TWorld {
  const roles = ["CLINICIAN", "CLINICIAN", "CLINICIAN", "COMPLIANCE_OFFICER"] as const;
  const staff: TStaffMember[] = Array.from({ length: o.staff ?? 24 }, (_, i) => ({
    id: id(1, i),
    email: `staff.${i + 1}@staff.healthledger.test`,
    name: `Staff ${i + 1}`,
    role: roles[i % roles.length]!,
    department: DEPARTMENTS[i % DEPARTMENTS.length]!,
    staffNumber: i + 1,
    mfa: false,
    inactiveFrom: null,
    patientId: null,
  }));
  staff.push({
    ...staff[0]!,
    id: id(2, 0),
    email: "admin@healthledger.test",
    name: "Admin",
    role: "ADMIN",
    department: "Information Technology",
    staffNumber: null,
    mfa: true,
  });
  const patients = Array.from({ length: o.patients ?? 200 }, (_, i) => id(3, i));
  const bare: TWorld = {
    staff,
    patients,
    departments: o.departments ?? DEMO_DEPARTMENTS,
    careTeams: new Map(),
    relatedPairs: new Set(),
    restricted: new Set(),
  };
  const faker = new Faker({ locale: [en] });
  faker.seed(7);
  return withCareTeams(bare, planCareTeams(bare, faker));
}
