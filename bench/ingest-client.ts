import { readFileSync } from 'node:fs';
import http from 'node:http';

/**
 * The ingestion bench's sender, run as its own process (like bench/load-client.ts) so that building requests and
 * reading answers does not take the server's core: it reads the NDJSON bodies from files first, then POSTs them in
 * order, keeping two requests in flight (so that the server reads the next body while it stores one; every key is
 * sent once, so the order in which two batches land changes nothing), and reports the time from the first request to
 * the last answer.
 */

/** Requests in flight. */
const LANES = 2;

export interface IngestJob {
  origin: string;
  requests: { token: string; file: string }[];
}

export interface IngestClientResult {
  seconds: number;
  /** accepted + duplicates + corrected over every answer. */
  taken: number;
  /** The first answer that was not a 200 with no rejected line, if any. */
  failure?: string;
}

interface IngestAnswer {
  accepted: number;
  duplicates: number;
  corrected: number;
  rejected: unknown[];
}

function post(agent: http.Agent, origin: URL, token: string, body: Buffer): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      {
        agent,
        host: origin.hostname,
        port: origin.port,
        path: '/api/v1/events',
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/x-ndjson', 'content-length': String(body.length) },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}

async function send(job: IngestJob): Promise<IngestClientResult> {
  const bodies = job.requests.map(({ token, file }) => ({ token, body: readFileSync(file) }));
  const origin = new URL(job.origin);
  const agent = new http.Agent({ keepAlive: true, maxSockets: LANES });
  const queue = [...bodies];
  let taken = 0;
  let failure: string | undefined;
  const started = performance.now();
  const lane = async () => {
    for (let next = queue.shift(); next !== undefined && failure === undefined; next = queue.shift()) {
      const { status, text } = await post(agent, origin, next.token, next.body);
      const answer = JSON.parse(text) as IngestAnswer;
      if (status !== 200 || answer.rejected.length > 0) {
        failure = `POST /api/v1/events answered ${status}: ${text.slice(0, 500)}`;
        return;
      }
      taken += answer.accepted + answer.duplicates + answer.corrected;
    }
  };
  await Promise.all(Array.from({ length: LANES }, lane));
  if (failure !== undefined) return { seconds: 0, taken, failure };
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  return { seconds, taken };
}

process.on('message', (job: IngestJob) => {
  void send(job).then((result) => process.send?.(result, () => process.exit(0)));
});
