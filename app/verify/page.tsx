import type { Metadata } from "next";
import Link from "next/link";
import { VerifyBundlePanel } from "@/components/reports/verify/verify-bundle-panel";
import { getCurrentUser } from "@/lib/auth/current-user";

export const metadata: Metadata = { title: "Verify a report" };
export const dynamic = "force-dynamic";

/** Open to everyone, signed in or not: a regulator needs only the bundle, and nothing is uploaded. */
export default async function VerifyPage() {
  const user = await getCurrentUser();
  return (
    <main className="verify-page">
      <header className="verify-head">
        <div className="brand">
          <span className="brand-mark" aria-hidden /> HealthLedger
        </div>
        <Link href={user ? "/" : "/login"}>{user ? "Back to HealthLedger" : "Sign in"}</Link>
      </header>
      <div className="page-header">
        <h1>Verify a report</h1>
        <p>
          Check an evidence bundle offline: the PDF&apos;s signature and certificate chain, the signed statement and
          every file&apos;s digest, the report&apos;s place in the ledger, the witnesses&apos; cosignatures and every
          cited event&apos;s inclusion proof. It runs in this browser with the code of{" "}
          <code>healthledger verify-report</code>; no account is needed and the file never leaves your computer.
        </p>
      </div>
      <VerifyBundlePanel />
    </main>
  );
}
