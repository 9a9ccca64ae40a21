// One autocannon run against one address with a signed-in session: the latency percentiles the
// benchmarks report and every answer that was not a 2xx. autocannon's histogram has p97.5 and
// p99 but no p95, so targets are stated as p97.5.
import autocannon from "autocannon";

export type TLoadOptions = {
  url: string;
  cookie?: string;
  connections: number;
  seconds: number;
  method?: "GET" | "POST";
  headers?: Record<string, string>;
  body?: string;
  /** One body per connection in turn (e.g. one account each), in place of `body`. */
  bodies?: readonly string[];
};
export type TLoadResult = {
  url: string;
  connections: number;
  p50: number;
  p97_5: number;
  p99: number;
  max: number;
  requests: number;
  perSecond: number;
  /** Answers other than 2xx (a redirect to /login means the session was lost) plus errors and timeouts. */
  failed: number;
  detail: string;
};

function bodyPerConnection(bodies: readonly string[]) {
  let next = 0;
  return (client: { setBody(body: string): void }) => client.setBody(bodies[next++ % bodies.length]);
}

export async function loadTest(o: TLoadOptions): Promise<TLoadResult> {
  const r = await autocannon({
    url: o.url,
    connections: o.connections,
    duration: o.seconds,
    method: o.method ?? "GET",
    headers: { ...(o.cookie ? { cookie: o.cookie } : {}), ...o.headers },
    body: o.body,
    setupClient: o.bodies?.length ? bodyPerConnection(o.bodies) : undefined,
    timeout: 30,
  });
  const failed = r.non2xx + r.errors + r.timeouts;
  return {
    url: o.url,
    connections: o.connections,
    p50: r.latency.p50,
    p97_5: r.latency.p97_5,
    p99: r.latency.p99,
    max: r.latency.max,
    requests: r.latency.totalCount,
    perSecond: r.latency.totalCount / r.duration,
    failed,
    detail: `3xx ${r["3xx"]}, 4xx ${r["4xx"]}, 5xx ${r["5xx"]}, errors ${r.errors}, timeouts ${r.timeouts}`,
  };
}

/** A few requests in turn before the timed run, so the first render of each page is not in it. */
export async function warmUp(url: string, cookie: string | undefined, times = 5): Promise<void> {
  for (let i = 0; i < times; i++) {
    const res = await fetch(url, { headers: cookie ? { cookie } : {}, redirect: "manual" });
    await res.arrayBuffer();
    if (res.status < 200 || res.status > 299) throw new Error(`warm-up of ${url}: HTTP ${res.status}`);
  }
}
