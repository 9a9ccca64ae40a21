"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";

type TStatus =
  | { status: "building"; progress: { phase: string; done: number; total: number; fraction: number; text: string } }
  | { status: "ready"; report: { bundle: { bytes: number; quorumMet: boolean } | null } }
  | { status: "failed"; error: { message: string } };

/** After a status this many reads fail in a row, the panel says so (and keeps trying). */
const SAY_AFTER_FAILURES = 3;

/**
 * Follows one report's build through its status resource (GET …/reports/<id>), as often as its
 * Retry-After asks: a bar of the builder's real phases and counts, then the download link, or why
 * it failed. The page's list is refreshed when the report is ready.
 */
export function ReportBuildProgress({
  id,
  base,
  subject,
  audience = "staff",
}: {
  id: string;
  /** /api/reports or /api/me/reports. */
  base: string;
  /** e.g. "about patient pt_…". */
  subject?: string;
  audience?: "staff" | "patient";
}) {
  const router = useRouter();
  const [status, setStatus] = useState<TStatus | null>(null);
  const [failures, setFailures] = useState(0);

  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let failed = 0;
    const poll = async () => {
      let again = 2;
      try {
        const res = await fetch(`${base}/${id}`, { cache: "no-store" });
        const body = await res.json();
        if (stopped) return;
        if (!res.ok) throw new Error(body?.error?.message ?? `status ${res.status}`);
        failed = 0;
        setFailures(0);
        setStatus(body as TStatus);
        if (body.status !== "building") {
          if (body.status === "ready") router.refresh();
          return;
        }
        again = Number(res.headers.get("retry-after")) || 1;
      } catch {
        if (stopped) return;
        setFailures(++failed);
      }
      timer = setTimeout(poll, again * 1000);
    };
    void poll();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [id, base, router]);

  if (status?.status === "failed")
    return (
      <p className="alert error" role="alert">
        Report {id} could not be issued: {status.error.message}
      </p>
    );
  if (status?.status === "ready") {
    const bundle = status.report.bundle;
    const witnessed = bundle?.quorumMet
      ? ""
      : " The witnesses' quorum was not met in time: the report says so on its first page.";
    return (
      <div className="stack">
        <p className="alert info" role="status">
          {audience === "patient"
            ? `Your report ${id} is ready: download it below.`
            : `Issued report ${id}${subject ? ` ${subject}` : ""}.${witnessed} Download its evidence bundle here or from the list below.`}
        </p>
        {bundle && (
          <p style={{ margin: 0 }}>
            <a href={`${base}/${id}/bundle`} download>
              Download ZIP ({Math.ceil(bundle.bytes / 1024).toLocaleString("en-US")} KB)
            </a>
          </p>
        )}
      </div>
    );
  }
  const progress = status?.status === "building" ? status.progress : null;
  return (
    <div className="stack build-progress">
      <label className="field" style={{ margin: 0 }}>
        <span>
          Building report {id}
          {subject ? ` ${subject}` : ""}
        </span>
        <progress max={1} value={progress?.fraction ?? 0} aria-describedby={`build-${id}`} />
      </label>
      <p id={`build-${id}`} className="muted" aria-live="polite" style={{ margin: 0 }}>
        {progress ? progress.text : "Starting…"}
        {failures >= SAY_AFTER_FAILURES ? " (the server does not answer right now; still trying)" : ""}
      </p>
    </div>
  );
}
