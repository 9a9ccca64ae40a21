"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";

type TRun = {
  mode: string;
  ok: boolean;
  treeSize: number;
  findingCount: number;
  startedAt: string;
  finishedAt: string;
};
type TList = { runs: TRun[]; running: { jobId: string } | null };

const POLL_MS = 500;

/**
 * Starts a full verification (or joins the one someone else started: the server runs one at a
 * time) and follows it until it is recorded, then shows the result of that run.
 */
export function VerifyButton() {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [result, setResult] = useState<TRun | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function run() {
    setPending(true);
    setError(null);
    try {
      const res = await fetch("/api/ledger/verification-runs", { method: "POST" });
      const job = await res.json();
      if (!res.ok) return setError(job.error?.message ?? "Verification could not run.");
      for (;;) {
        await new Promise((r) => setTimeout(r, POLL_MS));
        const listed = await fetch("/api/ledger/verification-runs");
        const list: TList = await listed.json();
        if (!listed.ok) return setError("The verification's result could not be read.");
        if (list.running?.jobId === job.jobId) continue;
        const done = list.runs.find((r) => r.mode === "full" && r.finishedAt >= job.startedAt);
        if (!done) return setError("The verification stopped without a result; see the server log.");
        setResult(done);
        router.refresh();
        return;
      }
    } finally {
      setPending(false);
    }
  }

  const seconds = result ? (Date.parse(result.finishedAt) - Date.parse(result.startedAt)) / 1000 : 0;
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
          in {seconds.toFixed(1)} s
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
