import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { LoginForm } from "@/components/auth/login-form";
import { ROLE_HOME } from "@/lib/access/permissions";
import { getCurrentUser } from "@/lib/auth/current-user";

export const metadata: Metadata = { title: "Sign in" };
export const dynamic = "force-dynamic";

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ password?: string }> }) {
  const passwordChanged = (await searchParams).password === "changed";
  const user = await getCurrentUser();
  if (user) redirect(ROLE_HOME[user.role]);
  return (
    <main className="auth-page">
      <div className="card auth-card">
        <div className="brand">
          <span className="brand-mark" aria-hidden /> HealthLedger
        </div>
        <div>
          <h1>Sign in</h1>
          <p className="muted" style={{ margin: 0 }}>
            Every sign-in and every access to patient data is recorded on a verifiable ledger.
          </p>
        </div>
        {passwordChanged && (
          <p className="alert info" role="status">
            Your password was changed. Sign in with the new one.
          </p>
        )}
        <LoginForm />
        <p className="muted" style={{ margin: 0, fontSize: "0.9rem" }}>
          Received a signed report? <Link href="/verify">Verify it in your browser</Link>, no account needed.
        </p>
      </div>
    </main>
  );
}
