"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";

type TRunResult = { ok: boolean; treeSize: number; findingCount: number; durationMs: number };

export function VerifyButton() {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [result, setResult] = useState<TRunResult | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function run() {
    setPending(true);
    setError(null);
    const res = await fetch("/api/ledger/verification-runs", { method: "POST" });
    const body = await res.json();
    setPending(false);
    if (!res.ok) return setError(body.error?.message ?? "Verification could not run.");
    setResult(body);
    router.refresh();
  }

  return (
    <div className="row">
      <button className="button" type="button" onClick={run} disabled={pending}>
        {pending ? "Verifying…" : "Run full verification"}
      </button>
      {result && (
        <span role="status" className={`badge ${result.ok ? "ok" : "bad"}`}>
          {result.ok
            ? `verified ${result.treeSize.toLocaleString("en-US")} leaves`
            : `${result.findingCount} finding(s)`}{" "}
          in {(result.durationMs / 1000).toFixed(1)} s
        </span>
      )}
      {error && (
        <span role="alert" className="badge bad">
          {error}
        </span>
      )}
    </div>
  );
}
