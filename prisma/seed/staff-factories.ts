// Synthetic workforce for demo data and tests. Some staff deliberately share a last name or a
// home address with a patient, so the snooping rules (same last name / same address) have
// something real to find.
import type { Faker } from "@faker-js/faker";
import type { Role } from "../../lib/generated/prisma/enums";

export type TSyntheticStaff = {
  email: string;
  firstName: string;
  lastName: string;
  addressLine: string;
  role: Role;
  department: string;
};

export const DEPARTMENTS = [
  "Cardiology",
  "Emergency Medicine",
  "Oncology",
  "Pediatrics",
  "Radiology",
  "Internal Medicine",
] as const;

/** The patient (0-based, of n) whose last name staff member i (0-based) shares: every sixth one does. */
export const sharedLastNamePatient = (i: number, n: number): number | null =>
  i % 6 === 0 && n > 0 ? (i * 7) % n : null;
/** The patient whose home address staff member i shares: every eighth one, from the fourth. */
export const sharedAddressPatient = (i: number, n: number): number | null =>
  i % 8 === 3 && n > 0 ? (i * 11) % n : null;

export function makeSyntheticStaff(
  faker: Faker,
  opts: { index: number; role: Role; department: string; shareLastName?: string; shareAddress?: string },
): TSyntheticStaff {
  const firstName = faker.person.firstName();
  const lastName = opts.shareLastName ?? faker.person.lastName();
  const addressLine = opts.shareAddress ?? `${faker.location.streetAddress()}, ${faker.location.city()}`;
  const slug = `${firstName}.${lastName}`.toLowerCase().replace(/[^a-z.]/g, "");
  return {
    email: `${slug}.${opts.index}@staff.healthledger.test`,
    firstName,
    lastName,
    addressLine,
    role: opts.role,
    department: opts.department,
  };
}
