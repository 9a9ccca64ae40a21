import type { Role } from "@/lib/generated/prisma/enums";
import { can, type TPermission } from "./permissions";

export type TNavItem = { href: string; label: string; permission: TPermission };

/** Every page in the shell with the permission that opens it; the menu shows only these. */
export const NAV_ITEMS: readonly TNavItem[] = [
  { href: "/dashboard", label: "Dashboard", permission: "dashboard.read" },
  { href: "/explorer", label: "Access explorer", permission: "events.read" },
  { href: "/records", label: "Records", permission: "records.read" },
  { href: "/alerts", label: "Privacy alerts", permission: "alerts.read" },
  { href: "/cases", label: "Privacy cases", permission: "cases.read" },
  { href: "/consents", label: "Consents", permission: "consents.manage" },
  { href: "/disclosures", label: "Disclosures", permission: "disclosures.read" },
  { href: "/erasure", label: "Erasure", permission: "erasure.decide" },
  { href: "/regulator", label: "Audit evidence", permission: "ledger.read" },
  { href: "/admin", label: "Users", permission: "users.read" },
  { href: "/me", label: "My data", permission: "self.read" },
];

export function navFor(role: Role): TNavItem[] {
  return NAV_ITEMS.filter((i) => can(role, i.permission));
}
