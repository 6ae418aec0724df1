/** Where a command writes; tests pass buffers, the binary passes the process streams. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  env: Record<string, string | undefined>;
}

/**
 * Writes lines to a process stream. When the reader goes away (`misura cards | head`: EPIPE), the rest of the output
 * is dropped without a word and the command carries on to its own end and exit code, as if the reader had read it
 * all: an ingestion whose progress nobody reads still commits. Any other write error stays an error.
 */
export function lineWriterTo(stream: NodeJS.WritableStream): (text: string) => void {
  let readerGone = false;
  let watching = false;
  return (text) => {
    if (!watching) {
      watching = true;
      stream.on('error', (error: NodeJS.ErrnoException) => {
        if (error.code !== 'EPIPE') throw error;
        readerGone = true;
      });
    }
    if (!readerGone) stream.write(text.endsWith('\n') ? text : `${text}\n`);
  };
}

export const processIo: CliIo = {
  out: lineWriterTo(process.stdout),
  err: lineWriterTo(process.stderr),
  env: process.env,
};

/** Collects output in memory, for tests. */
export function createBufferIo(env: Record<string, string | undefined> = {}): CliIo & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, env, out: (t) => stdout.push(t), err: (t) => stderr.push(t) };
}
