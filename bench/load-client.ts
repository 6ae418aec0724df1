import http from 'node:http';

/**
 * The load generator, run as its own process (bench/load.ts forks it) so that it does not share the server's core:
 * `connections` keep-alive connections, each sending the next request as soon as the previous answer is read, for
 * `durationMs`. Like autocannon, with node:http.
 */

export interface LoadJob {
  url: string;
  connections: number;
  durationMs: number;
  headers?: Record<string, string>;
}

export interface LoadResult {
  requests: number;
  errors: number;
  /** Answers by status code. */
  statuses: Record<string, number>;
  bytes: number;
  seconds: number;
  requestsPerSecond: number;
  /** Latency percentiles, milliseconds. */
  p50: number;
  p99: number;
}

async function runLoad(job: LoadJob): Promise<LoadResult> {
  const target = new URL(job.url);
  const agent = new http.Agent({ keepAlive: true, maxSockets: job.connections });
  const statuses: Record<string, number> = {};
  const latencies: number[] = [];
  let requests = 0;
  let errors = 0;
  let bytes = 0;
  const one = () =>
    new Promise<void>((resolve) => {
      const started = performance.now();
      const request = http.request(
        { agent, host: target.hostname, port: target.port, path: `${target.pathname}${target.search}`, method: 'GET', headers: job.headers ?? {} },
        (response) => {
          const code = String(response.statusCode ?? 0);
          statuses[code] = (statuses[code] ?? 0) + 1;
          response.on('data', (chunk: Buffer) => (bytes += chunk.length));
          response.on('end', () => {
            requests += 1;
            latencies.push(performance.now() - started);
            resolve();
          });
        },
      );
      request.on('error', () => {
        errors += 1;
        resolve();
      });
      request.end();
    });
  const start = performance.now();
  const deadline = start + job.durationMs;
  await Promise.all(
    Array.from({ length: job.connections }, async () => {
      while (performance.now() < deadline) await one();
    }),
  );
  const seconds = (performance.now() - start) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const at = (q: number) => Math.round((latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0) * 100) / 100;
  return { requests, errors, statuses, bytes, seconds, requestsPerSecond: requests / seconds, p50: at(0.5), p99: at(0.99) };
}

process.on('message', (job: LoadJob) => {
  void runLoad(job).then((result) => process.send?.(result, () => process.exit(0)));
});
