// One autocannon run against one address with a signed-in session: the latency percentiles the
// benchmarks report and every answer sorted by kind (bench/http/answers.ts). autocannon's
// histogram has p97.5 and p99 but no p95, so targets are stated as p97.5.
import autocannon from "autocannon";
import { answerKind, describeAnswers, failures, noAnswers, type TAnswerCounts } from "./answers";
import { clientAddressOf } from "./client-addresses";

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
  /**
   * Each connection sends X-Forwarded-For with an address of its own (bench/http/client-addresses.ts),
   * as clients behind a reverse proxy arrive; the server must trust 127.0.0.1 as that proxy.
   */
  clientAddresses?: boolean;
};
export type TLoadResult = {
  url: string;
  connections: number;
  /** Latencies of the 2xx answers: a refusal sent at once would make a slow page look fast. */
  p50: number;
  p97_5: number;
  p99: number;
  max: number;
  /** 2xx answers, and per second. */
  requests: number;
  perSecond: number;
  answers: TAnswerCounts;
  /** Answers that are neither 2xx nor a refusal the server meant (5xx, timeouts, …: answers.ts). */
  failed: number;
  detail: string;
};

export async function loadTest(o: TLoadOptions): Promise<TLoadResult> {
  const answers = noAnswers();
  const headers = { ...(o.cookie ? { cookie: o.cookie } : {}), ...o.headers };
  let next = 0;
  const r = await autocannon({
    url: o.url,
    connections: o.connections,
    duration: o.seconds,
    method: o.method ?? "GET",
    headers,
    body: o.body,
    // Latencies of 2xx only; every answer is still counted, by kind, below.
    excludeErrorStats: true,
    requests: [{ onResponse: (status: number, body: string) => answers[answerKind(status, body)]++ }],
    setupClient: (client) => {
      const i = next++;
      const own: Record<string, string> = o.clientAddresses ? { "x-forwarded-for": clientAddressOf(i) } : {};
      client.setHeadersAndBody({ ...headers, ...own }, o.bodies?.length ? o.bodies[i % o.bodies.length] : o.body);
    },
    timeout: 30,
  });
  // autocannon counts a timeout as an error too.
  answers.timeouts = r.timeouts;
  answers["socket errors"] = r.errors - r.timeouts;
  return {
    url: o.url,
    connections: o.connections,
    p50: r.latency.p50,
    p97_5: r.latency.p97_5,
    p99: r.latency.p99,
    max: r.latency.max,
    requests: answers["2xx"],
    perSecond: answers["2xx"] / r.duration,
    answers,
    failed: failures(answers),
    detail: describeAnswers(answers),
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
