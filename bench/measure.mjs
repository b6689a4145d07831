// Runs the built blast CLI in this process and prints, as one JSON line, its exit code and the
// process's peak memory (worker threads included: they share the process). The benchmark
// spawns this instead of bin/blast.js so that each run reports its own peak.
import { resourceUsage } from 'node:process';

const { main } = await import(new URL('../dist/blast.js', import.meta.url).href);
const discard = { write: () => true, isTTY: false };
const code = await main(process.argv.slice(2), { stdout: discard, stderr: discard, env: process.env, cwd: process.cwd() });
const usage = resourceUsage();
process.stdout.write(`${JSON.stringify({ exitCode: code, maxRssKb: usage.maxRSS, cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000 })}\n`);
