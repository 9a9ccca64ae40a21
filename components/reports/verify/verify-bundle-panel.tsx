"use client";

import { useEffect, useMemo, useRef, useState } from "react";
import { MAX_BUNDLE_TOTAL_BYTES } from "@/lib/reports/verify/open-bundle";
import { readTrustedCa } from "@/lib/reports/verify/trusted-ca";
import type { TBundleVerification, TVerifyProgress } from "@/lib/reports/verify/verify-bundle";
import { Fingerprints } from "./fingerprints";
import { TrustedCaField } from "./trusted-ca-field";
import { VerificationResult } from "./verification-result";
import { startVerification, VERIFY_STEP_LABELS } from "./verify-worker-protocol";

type TLoaded = { name: string; size: number; bytes: Uint8Array };
type TState =
  | { kind: "idle" }
  | { kind: "verifying"; name: string; size: number; progress: TVerifyProgress | null }
  | { kind: "done"; name: string; result: TBundleVerification; caSha256: string | null }
  | { kind: "error"; message: string };

const megabytes = (n: number) => `${(n / 1e6).toLocaleString("en-US", { maximumFractionDigits: 1 })} MB`;

/**
 * Verifies an evidence bundle in this browser with lib/reports/verify, the code the
 * `verify-report` CLI runs, in a Web Worker so the page stays responsive while a large bundle is
 * checked, showing which group of checks it is in: the file is read locally and never sent anywhere.
 */
export function VerifyBundlePanel() {
  const [loaded, setLoaded] = useState<TLoaded | null>(null);
  const [caPem, setCaPem] = useState("");
  const [state, setState] = useState<TState>({ kind: "idle" });
  const [dragging, setDragging] = useState(false);
  const run = useRef(0);
  const ca = useMemo(() => (caPem.trim() === "" ? null : readTrustedCa(caPem)), [caPem]);

  async function load(file: File | undefined) {
    if (!file) return;
    if (file.size > MAX_BUNDLE_TOTAL_BYTES) {
      setLoaded(null);
      return setState({
        kind: "error",
        message: `${file.name} is ${megabytes(file.size)}: larger than any evidence bundle.`,
      });
    }
    setLoaded({ name: file.name, size: file.size, bytes: new Uint8Array(await file.arrayBuffer()) });
  }

  useEffect(() => {
    if (!loaded || (ca && !ca.ok)) return;
    const id = ++run.current;
    const trusted = ca?.ok ? ca : null;
    // The verifier's first message (the ZIP being opened) comes within milliseconds and shows the bar.
    const verification = startVerification(
      { zip: loaded.bytes, ...(trusted ? { trustedCasDer: trusted.certificatesDer } : {}) },
      (progress) => {
        if (id === run.current) setState({ kind: "verifying", name: loaded.name, size: loaded.size, progress });
      },
    );
    verification.result.then(
      (result) => {
        if (id === run.current)
          setState({ kind: "done", name: loaded.name, result, caSha256: trusted?.sha256 ?? null });
      },
      (err: Error) => {
        if (id === run.current)
          setState({ kind: "error", message: `The verifier could not check ${loaded.name}: ${err.message}` });
      },
    );
    // A newer file or CA, or leaving the page, stops this run's worker.
    return () => verification.cancel();
  }, [loaded, ca]);

  return (
    <div className="stack">
      <section className="card stack" aria-labelledby="bundle-heading">
        <h2 id="bundle-heading">Evidence bundle</h2>
        <div
          className={`drop-zone${dragging ? " dragging" : ""}`}
          onDragOver={(e) => {
            e.preventDefault();
            setDragging(true);
          }}
          onDragLeave={() => setDragging(false)}
          onDrop={(e) => {
            e.preventDefault();
            setDragging(false);
            void load(e.dataTransfer.files[0]);
          }}
        >
          <p style={{ margin: 0 }}>
            <strong>Drop the report&apos;s ZIP here</strong>, or choose it below. It is checked in this browser and is
            not uploaded.
          </p>
          <label>
            Evidence bundle (ZIP)
            <input
              name="bundle"
              type="file"
              accept=".zip,application/zip"
              onChange={(e) => void load(e.target.files?.[0])}
            />
          </label>
        </div>
        <TrustedCaField pem={caPem} onPem={setCaPem} ca={ca} />
      </section>

      {state.kind === "verifying" && (
        <div className="alert info stack build-progress" role="status">
          <label className="field" style={{ margin: 0 }}>
            <span>
              Verifying {state.name} ({megabytes(state.size)}) in this browser…
            </span>
            <progress
              max={state.progress?.total ?? 1}
              value={state.progress ? state.progress.index - 1 : 0}
              aria-describedby="verify-step"
            />
          </label>
          <span id="verify-step">
            {state.progress
              ? `${VERIFY_STEP_LABELS[state.progress.step]} (step ${state.progress.index} of ${state.progress.total})`
              : "Starting the verifier…"}
          </span>
        </div>
      )}
      {state.kind === "error" && (
        <p className="alert error" role="alert">
          {state.message}
        </p>
      )}
      {state.kind === "done" && (
        <section className="card stack" aria-labelledby="result-heading">
          <h2 id="result-heading">Result</h2>
          <VerificationResult result={state.result} fileName={state.name} />
        </section>
      )}
      {state.kind === "done" && state.result.fingerprints && (
        <Fingerprints fingerprints={state.result.fingerprints} trustedCaSha256={state.caSha256} />
      )}
    </div>
  );
}
