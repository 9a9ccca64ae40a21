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
