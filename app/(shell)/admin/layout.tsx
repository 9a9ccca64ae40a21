import Link from "next/link";
import { requirePagePermission } from "@/lib/auth/guards";

// The admin area is gated here for every page, and again in every server action and API route.
export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  await requirePagePermission("users.read");
  return (
    <>
      <nav className="row" aria-label="Administration" style={{ marginBottom: "1rem" }}>
        <Link className="button secondary" href="/admin">
          Users
        </Link>
        <Link className="button secondary" href="/admin/new">
          Create user
        </Link>
        <Link className="button secondary" href="/admin/history">
          Admin history
        </Link>
        <Link className="button secondary" href="/admin/ledger">
          Ledger trust
        </Link>
        <Link className="button secondary" href="/admin/monitoring-rules">
          Monitoring rules
        </Link>
      </nav>
      {children}
    </>
  );
}
