// The part of autocannon 8's API the web bench uses (the package ships no type declarations).
declare module 'autocannon' {
  /** Percentiles and moments of one measured quantity (latency in ms, requests or bytes per second). */
  export interface Histogram {
    average: number;
    mean: number;
    stddev: number;
    min: number;
    max: number;
    p50: number;
    p90: number;
    p99: number;
    p99_9: number;
    total: number;
  }

  /** What a run measured. */
  export interface Result {
    url: string;
    connections: number;
    duration: number;
    latency: Histogram;
    requests: Histogram;
    throughput: Histogram;
    errors: number;
    timeouts: number;
    non2xx: number;
    '2xx': number;
  }

  /** Options of a run. */
  export interface Options {
    url: string;
    connections?: number;
    /** Seconds. */
    duration?: number;
    method?: string;
    headers?: Record<string, string>;
    /** Seconds before a request counts as timed out. */
    timeout?: number;
    /** Worker threads generating the load (keeps the load generator off the server's event loop). */
    workers?: number;
  }

  export default function autocannon(options: Options): Promise<Result>;
}
