import { createBufferIo } from '../src/cli/cli-io.ts';
import { runCli } from '../src/cli/main.ts';

/**
 * Runs one `misura` command in this process and reports, on stdout's last line, its exit code, the wall time and the
 * process's peak resident memory: what a user would see running the command alone. Used by large-imports.bench.ts.
 */
const io = createBufferIo(process.env);
const started = performance.now();
const code = await runCli(['node', 'misura', ...process.argv.slice(2)], io);
const seconds = (performance.now() - started) / 1000;
if (code !== 0) process.stderr.write(`${io.stderr.join('\n')}\n`);
process.stdout.write(`${JSON.stringify({ code, seconds, maxRssMb: process.resourceUsage().maxRSS / 1024 })}\n`);
