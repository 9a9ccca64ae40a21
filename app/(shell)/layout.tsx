import Link from "next/link";
import { SessionKeepAlive } from "@/components/auth/session-keep-alive";
import { SignOutButton } from "@/components/auth/sign-out-button";
import { databaseFaultPage } from "@/app/(shell)/database-fault-page";
import { NavLinks } from "@/components/shell/nav-links";
import { navFor } from "@/lib/access/navigation";
import { can, ROLE_LABEL } from "@/lib/access/permissions";
import { PASSWORD_CHANGE_PATH, requireSignedIn } from "@/lib/auth/guards";
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
    // Every page reads the session here first: with the database down, say so plainly, with 503
    // and Retry-After (a monitor or load balancer reads the status).
    const page = databaseFaultPage(err, { inShell: false });
    if (page) return page;
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
