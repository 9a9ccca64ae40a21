import type { Metadata } from "next";
import { DecideLedgerTrustForm, RequestLedgerTrustForm } from "@/components/admin/ledger-trust-forms";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/access/permissions";
import { getLedgerTrust } from "@/lib/admin/get-ledger-trust";
import { requirePagePermission } from "@/lib/auth/guards";
import { getPrisma } from "@/lib/db/prisma";
import { decideLedgerTrustAction, requestLedgerTrustAction } from "./actions";

export const metadata: Metadata = { title: "Ledger trust" };

const STATE_LABEL = {
  empty: "No ledger yet: it is trusted at its first block.",
  trusted: "Trusted: the database's ledger extends the latest checkpoint the stores remember.",
  untrusted: "Not trusted: no store remembers a checkpoint for this ledger.",
  behind: "Not trusted: the ledger is smaller than a checkpoint already issued (an older backup?).",
  diverged: "Not trusted: the ledger's history differs from a checkpoint already issued.",
  store_error: "Not trusted: a store of issued checkpoints cannot be read.",
} as const;

const utc = (d: Date) => `${d.toISOString().slice(0, 19).replace("T", " ")} UTC`;

export default async function LedgerTrustPage() {
  const me = await requirePagePermission("users.read");
  const { check, head, stores, pending } = await getLedgerTrust(getPrisma());
  const mayTrust = can(me.role, "ledger.trust");
  return (
    <>
      <PageHeader
        title="Ledger trust"
        subtitle="The rollback guard compares the database's ledger with the checkpoints kept outside it (docs/rollback.md)."
      />
      <section className="card stack" aria-label="Rollback guard" style={{ marginBottom: "1rem" }}>
        <h2 style={{ margin: 0 }}>Rollback guard</h2>
        <p className={check.ok ? "" : "alert error"} role={check.ok ? undefined : "alert"}>
          {STATE_LABEL[check.state]}
          {!check.ok && ` ${check.reason[0].toUpperCase()}${check.reason.slice(1)}.`}
        </p>
        <dl className="facts">
          <dt>Stores asked</dt>
          <dd>
            {stores.map((s) => (
              <div key={s.location}>
                {s.name}: <code>{s.location}</code>
              </div>
            ))}
          </dd>
          <dt>Largest checkpoint remembered</dt>
          <dd>{check.issuedTreeSize === null ? "none" : check.issuedTreeSize.toLocaleString("en-US")}</dd>
          {head && (
            <>
              <dt>Database head: tree size</dt>
              <dd data-testid="head-tree-size">{head.treeSize.toLocaleString("en-US")}</dd>
              <dt>Database head: root hash</dt>
              <dd>
                <code data-testid="head-root-hash">{head.rootHash}</code>
              </dd>
              <dt>Sealed</dt>
              <dd>{utc(head.sealedAt)}</dd>
            </>
          )}
        </dl>
      </section>

      {pending ? (
        <section className="card stack" aria-label="Pending re-trust">
          <h2 style={{ margin: 0 }}>Waiting for a second administrator</h2>
          <p>
            {pending.requestedBy ?? "An administrator"} asked on {utc(pending.createdAt)} to trust the head at tree size{" "}
            <strong>{pending.treeSize.toLocaleString("en-US")}</strong> with root{" "}
            <code data-testid="pending-root-hash">{pending.rootHash}</code> (guard: {pending.guardState}).
          </p>
          <p className="muted">
            Approve only once you know why the guard closed: a restore you planned, a new database you set up, a state
            file you lost. Approving replaces what the stores remember with this head; it is anchored in the ledger and
            listed in the admin history.
          </p>
          {mayTrust && (
            <DecideLedgerTrustForm
              action={decideLedgerTrustAction.bind(null, pending.id)}
              canApprove={pending.requestedById !== me.id}
            />
          )}
        </section>
      ) : (
        !check.ok &&
        head &&
        mayTrust && (
          <section className="card stack" aria-label="Re-trust the head">
            <h2 style={{ margin: 0 }}>Re-trust the current head</h2>
            <p className="muted">
              Patient data stays unavailable until a different administrator approves. First find out why the guard
              closed (docs/rollback.md): if the latest database or state file can still be restored, do that instead.
            </p>
            <RequestLedgerTrustForm action={requestLedgerTrustAction} treeSize={head.treeSize} />
          </section>
        )
      )}
    </>
  );
}
