import { DATABASE_FAULT_ANSWER } from "@/lib/http/database-fault-answer";

type TDatabaseFault = keyof typeof DATABASE_FAULT_ANSWER;

const TITLE: Record<TDatabaseFault, string> = {
  unavailable: "The database is unavailable",
  busy: "The server is busy",
  storage_full: "The database's disk is full",
};

/**
 * The page a user gets instead of Next's error page when the database is down, busy or full:
 * what happened, that nothing they saved is lost, and what to do. Rendered on the server, so it
 * needs no script; the same sentences as the API's errors (database-fault-answer.ts).
 */
export function DatabaseUnavailable({ fault, inShell = false }: { fault: TDatabaseFault; inShell?: boolean }) {
  // Inside the shell the page already has its <main>: one landmark of each kind.
  const Frame = inShell ? "div" : "main";
  return (
    <Frame className="center-page">
      <section className="card stack" style={{ maxWidth: 520 }} aria-label="Service unavailable">
        <h1 style={{ margin: 0 }}>{TITLE[fault]}</h1>
        <p>{DATABASE_FAULT_ANSWER[fault].message}</p>
        <p className="muted">
          What was saved before is kept. If this lasts more than a few minutes, tell your administrator: the
          service&apos;s health check at <code>/api/health</code> shows what is wrong.
        </p>
        <div>
          {/* A plain link to this same address: a reload, which works without script. */}
          <a className="button secondary" href="">
            Try again
          </a>
        </div>
      </section>
    </Frame>
  );
}
