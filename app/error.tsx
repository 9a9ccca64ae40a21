"use client";

import { PageError } from "@/components/errors/page-error";

// Anything that failed outside a page's own boundary (a layout reading the session while the
// database is down): a plain sentence instead of Next's default error page.
export default function RootError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <main className="center-page">
      <PageError digest={error.digest} reset={reset} />
    </main>
  );
}
