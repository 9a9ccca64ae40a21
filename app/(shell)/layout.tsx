import { SessionKeepAlive } from "@/components/auth/session-keep-alive";
import { SignOutButton } from "@/components/auth/sign-out-button";
import { NavLinks } from "@/components/shell/nav-links";
import { navFor } from "@/lib/access/navigation";
import { ROLE_LABEL } from "@/lib/access/permissions";
import { requireSignedIn } from "@/lib/auth/guards";

export const dynamic = "force-dynamic";

export default async function ShellLayout({ children }: { children: React.ReactNode }) {
  const user = await requireSignedIn();
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
          </div>
          <SignOutButton />
        </div>
      </aside>
      <main className="main">{children}</main>
      <SessionKeepAlive />
    </div>
  );
}
