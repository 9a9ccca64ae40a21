import Link from "next/link";
import { SessionKeepAlive } from "@/components/auth/session-keep-alive";
import { SignOutButton } from "@/components/auth/sign-out-button";
import { DatabaseUnavailable } from "@/components/errors/database-unavailable";
import { NavLinks } from "@/components/shell/nav-links";
import { navFor } from "@/lib/access/navigation";
import { can, ROLE_LABEL } from "@/lib/access/permissions";
import { PASSWORD_CHANGE_PATH, requireSignedIn } from "@/lib/auth/guards";
import { databaseFault } from "@/lib/db/database-fault";
import { DATABASE_FAULT_ANSWER } from "@/lib/http/database-fault-answer";
import { setPageStatus } from "@/lib/http/page-status";
import { rollbackNotice } from "@/lib/ledger/rollback/rollback-guard";

export const dynamic = "force-dynamic";

export default async function ShellLayout({ children }: { children: React.ReactNode }) {
  let user, notice;
  try {
    user = await requireSignedIn();
    // While the rollback guard is closed every page says why, including the ones whose patient
    // data it refuses (their error text is not shown in production builds).
    notice = await rollbackNotice();
  } catch (err) {
    // Every page reads the session here first: with the database down, say so plainly.
    const fault = databaseFault(err);
    if (fault) {
      // 503 with Retry-After, as the API answers: a monitor or load balancer reads the status.
      setPageStatus(503, DATABASE_FAULT_ANSWER[fault].retryAfterSeconds);
      return <DatabaseUnavailable fault={fault} />;
    }
    throw err;
  }
  const items = navFor(user.role).map(({ href, label }) => ({ href, label }));
  return (
    <div className="shell">
      <aside className="sidebar">
        <div className="brand">
          <span className="brand-mark" aria-hidden /> HealthLedger
        </div>
        <NavLinks items={items} />
        <div className="sidebar-foot">
          <div>
            <div className="who">{user.name}</div>
            <div className="role">{ROLE_LABEL[user.role]}</div>
            <Link className="muted" href={PASSWORD_CHANGE_PATH}>
              Change password
            </Link>
          </div>
          <SignOutButton />
        </div>
      </aside>
      <main className="main">
        {notice && (
          <div
            className="alert error"
            role="alert"
            aria-label="Patient data unavailable"
            style={{ marginBottom: "1rem" }}
          >
            {notice}
            {can(user.role, "ledger.trust") && (
              <>
                {" "}
                <Link href="/admin/ledger">Open Ledger trust</Link>
              </>
            )}
          </div>
        )}
        {children}
      </main>
      <SessionKeepAlive />
    </div>
  );
}
