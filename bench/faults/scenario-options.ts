// The settings every scenario takes from `npm run bench -- faults` (bench/faults.ts).
export type TScenarioOptions = {
  /** The run's own embedded PostgreSQL (HL_BENCH_PG_PORT). */
  pgPort: number;
  /** App instances' ports: the first is HL_E2E_PORT; scenario c needs two (--ports). */
  appPorts: readonly number[];
  /** Concurrent signed-in writers. */
  clients: number;
  /** Load before the fault and again after it. */
  loadSeconds: number;
  /** A request unanswered by then is a hang: the bound the runs state (--request-timeout). */
  requestTimeoutMs: number;
};
