import { lookup } from 'node:dns/promises';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { connect } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { judgeHttpAnswer, type Probe, type ProbeOutcome } from '../domain/probes/probe.ts';

/** At most this much of a body is read for keywords: a probe is not a crawler. */
const MAX_BODY_BYTES = 1_000_000;
const DAY_MS = 86_400_000;

interface Attempt {
  ok: boolean;
  latencyMs: number;
  status?: number;
  certDaysLeft?: number;
  error?: string;
}

/** Checks a probe's target once, with its retries: the outcome of the first attempt that passes, or of the last. */
export async function checkProbe(probe: Probe, now: () => Date = () => new Date()): Promise<ProbeOutcome> {
  const startedAt = now();
  let attempt: Attempt = { ok: false, latencyMs: 0, error: 'not checked' };
  let attempts = 0;
  while (attempts <= probe.retries) {
    attempts += 1;
    attempt = await attemptOnce(probe, now);
    if (attempt.ok) break;
  }
  return { startedAt, attempts, ...attempt };
}

async function attemptOnce(probe: Probe, now: () => Date): Promise<Attempt> {
  const started = performance.now();
  const timeoutMs = probe.timeoutSeconds * 1000;
  try {
    if (probe.kind === 'http') return await attemptHttp(probe, timeoutMs, started, now);
    if (probe.kind === 'tcp') await connectTcp(probe.target, timeoutMs);
    else await withTimeout(lookup(probe.target), timeoutMs);
    return { ok: true, latencyMs: performance.now() - started };
  } catch (error) {
    return { ok: false, latencyMs: performance.now() - started, error: describeFailure(error, probe.timeoutSeconds) };
  }
}

function attemptHttp(probe: Probe, timeoutMs: number, started: number, now: () => Date): Promise<Attempt> {
  const url = new URL(probe.target);
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise<Attempt>((resolve, reject) => {
    const req = send(url, { method: 'GET', headers: { 'user-agent': 'misura-probe/1 (+https://github.com/misura)', accept: 'text/html,*/*' }, timeout: timeoutMs }, (res: IncomingMessage) => {
      const certDaysLeft = certificateDaysLeft(res, now());
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        if (size < MAX_BODY_BYTES) chunks.push(chunk);
        size += chunk.length;
        if (size >= MAX_BODY_BYTES) res.destroy();
      });
      const finish = (): void => {
        const latencyMs = performance.now() - started;
        const status = res.statusCode ?? 0;
        const body = Buffer.concat(chunks).toString('utf8');
        const failure = judgeHttpAnswer(probe.expect, { status, body, latencyMs, ...(certDaysLeft === undefined ? {} : { certDaysLeft }) });
        resolve({ ok: failure === null, latencyMs, status, ...(certDaysLeft === undefined ? {} : { certDaysLeft }), ...(failure === null ? {} : { error: failure }) });
      };
      res.on('end', finish);
      res.on('close', finish);
      res.on('error', reject);
    });
    // The whole exchange, not only the connection, must fit in the timeout.
    const timer = setTimeout(() => req.destroy(new TimeoutError()), timeoutMs);
    req.on('close', () => clearTimeout(timer));
    req.on('timeout', () => req.destroy(new TimeoutError()));
    req.on('error', reject);
    req.end();
  });
}

function certificateDaysLeft(res: IncomingMessage, now: Date): number | undefined {
  const socket = res.socket as TLSSocket | null;
  if (socket === null || typeof socket.getPeerCertificate !== 'function') return undefined;
  const validTo = socket.getPeerCertificate().valid_to;
  if (!validTo) return undefined;
  return Math.floor((Date.parse(validTo) - now.getTime()) / DAY_MS);
}

function connectTcp(target: string, timeoutMs: number): Promise<void> {
  const split = target.lastIndexOf(':');
  const host = target.slice(0, split).replace(/^\[|\]$/g, '');
  const port = Number(target.slice(split + 1));
  return new Promise<void>((resolve, reject) => {
    const socket = connect({ host, port, timeout: timeoutMs });
    socket.once('connect', () => {
      socket.destroy();
      resolve();
    });
    socket.once('timeout', () => socket.destroy(new TimeoutError()));
    socket.once('error', reject);
  });
}

class TimeoutError extends Error {
  constructor() {
    super('timeout');
    this.name = 'TimeoutError';
  }
}

async function withTimeout<T>(promise: Promise<T>, timeoutMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([promise, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new TimeoutError()), timeoutMs)))]);
  } finally {
    clearTimeout(timer);
  }
}

/** A failure in a few words for the event's `error` attribute and the probe list. */
function describeFailure(error: unknown, timeoutSeconds: number): string {
  if (error instanceof TimeoutError) return `no answer within ${timeoutSeconds} s`;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') return code === 'ECONNREFUSED' ? 'connection refused' : code === 'ENOTFOUND' ? 'name not found' : code;
  return error instanceof Error ? error.message.slice(0, 200) : 'failed';
}
