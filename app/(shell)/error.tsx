"use client";

import { PageError } from "@/components/errors/page-error";

// A page of the shell that failed: the sidebar and any notice above (e.g. the rollback guard's
// "Patient data is unavailable") stay visible; the reason comes from the public health check.
export default function ShellError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return <PageError digest={error.digest} reset={reset} />;
}
