// The User row of a synthetic staff member, as the demo seed and grow-world.ts write it: only
// keyed blind indexes of the name and address reach the database, never the address itself.
import { blindIndex } from "../../lib/vault/blind-index";
import type { TSyntheticStaff } from "./staff-factories";

export function staffUserData(s: TSyntheticStaff, passwordHash: string) {
  return {
    email: s.email,
    displayName: `${s.firstName} ${s.lastName}`,
    role: s.role,
    department: s.department,
    passwordHash,
    lastNameIndex: blindIndex("lastName", s.lastName),
    addressIndex: blindIndex("address", s.addressLine),
  };
}
