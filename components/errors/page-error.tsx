"use client";

import { useEffect, useState } from "react";

type THealthView = { database?: string; rollbackGuard?: string } | null;

/**
 * What an error boundary shows. Production builds hide a server error's text from the browser,
 * so this asks the public health check why: a database that is down, or a closed rollback guard,
 * gets its plain sentence instead of "something went wrong".
 */
export function PageError({ digest, reset }: { digest?: string; reset: () => void }) {
  const [health, setHealth] = useState<THealthView>(null);
  useEffect(() => {
    const ac = new AbortController();
    fetch("/api/health", { signal: ac.signal, cache: "no-store" })
      .then((r) => r.json())
      .then((h) =>
        setHealth({ database: h?.checks?.database?.status, rollbackGuard: h?.checks?.rollbackGuard?.status }),
      )
      // The health check itself unreachable: the server is down, which the default text covers.
      .catch(() => setHealth({ database: "down" }));
    return () => ac.abort();
  }, []);
  const databaseDown = health?.database === "down";
  const untrusted = health?.rollbackGuard === "down";
  return (
    <section className="card stack" aria-label="Page unavailable" style={{ maxWidth: 620 }}>
      <h1 style={{ margin: 0 }}>{databaseDown ? "The database is unavailable" : "This page could not be shown"}</h1>
      {databaseDown ? (
        <p>
          HealthLedger cannot reach its database right now (it may be restarting). Nothing was changed, and what was
          saved before is kept. Try again in a few seconds; if this lasts, tell your administrator.
        </p>
      ) : untrusted ? (
        <p>Patient data is unavailable until an administrator reconciles the ledger (the notice above says why).</p>
      ) : (
        <p>Something went wrong on our side. Try again; if it happens again, tell your administrator.</p>
      )}
      {digest && <p className="mono muted">Reference: {digest}</p>}
      <div>
        <button className="button secondary" type="button" onClick={reset}>
          Try again
        </button>
      </div>
    </section>
  );
}
