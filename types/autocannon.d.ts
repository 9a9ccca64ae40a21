// The part of autocannon 9's API the benchmarks use (the package ships no types; its README is
// the reference). Declared here rather than through @types/autocannon, whose 7.x lags the 9.x API.
declare module "autocannon" {
  type THistogram = { average: number; mean: number; stddev: number; min: number; max: number; total: number } & {
    [percentile: `p${string}`]: number;
  };
  export type TAutocannonOptions = {
    url: string;
    connections?: number;
    duration?: number;
    method?: string;
    headers?: Record<string, string>;
    body?: string;
    /**
     * Requests each connection sends in turn (paths relative to url); a field left out is taken from
     * url/method/headers/body. onResponse sees every answer with its whole body.
     */
    requests?: {
      method?: string;
      path?: string;
      headers?: Record<string, string>;
      body?: string;
      onResponse?: (
        status: number,
        body: string,
        context: Record<string, unknown>,
        headers: Record<string, string>,
      ) => void;
    }[];
    /** Called once per connection: gives that connection its own body, or headers and body (of its first request). */
    setupClient?: (client: {
      setBody(body: string): void;
      setHeadersAndBody(headers: Record<string, string>, body?: string): void;
    }) => void;
    /** Latencies of 2xx answers only (default false: every answer's). */
    excludeErrorStats?: boolean;
    /** Seconds a request may take before it counts as a timeout (default 10). */
    timeout?: number;
  };
  export type TAutocannonResult = {
    url: string;
    connections: number;
    duration: number;
    errors: number;
    timeouts: number;
    non2xx: number;
    "2xx": number;
    "3xx": number;
    "4xx": number;
    "5xx": number;
    latency: THistogram & { p50: number; p97_5: number; p99: number; totalCount: number };
    requests: THistogram & { sent: number };
  };
  export default function autocannon(options: TAutocannonOptions): Promise<TAutocannonResult> & { stop(): void };
}
