#!/usr/bin/env node
// `npm run bench`: times `blast check` cold (no cache), warm (cache filled), and warm after a
// one-file change, with `git diff` as the floor, on a generated 10,000-file monorepo or on any
// repository (`--repo PATH --base REF --head REF`). Prints medians and peak memory.
//
//   npm run bench                          # synthetic repository, 10,000 files
//   npm run bench -- --files 2000 --runs 3
//   npm run bench -- --repo ../some-repo --base v1.0.0 --head main
//   npm run bench -- --depcruise ./node_modules/.bin/depcruise [--depcruise-config FILE]   # side by side with depcruise --affected
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { generateRepository } from './generate.mjs';

const { values } = parseArgs({
  options: {
    files: { type: 'string', default: '10000' },
    runs: { type: 'string', default: '5' },
    repo: { type: 'string' },
    base: { type: 'string' },
    head: { type: 'string' },
    depcruise: { type: 'string' },
    'depcruise-config': { type: 'string' },
    keep: { type: 'boolean', default: false },
  },
});
const runs = Number(values.runs);
const measureScript = new URL('./measure.mjs', import.meta.url).pathname;
const sandbox = realpathSync(mkdtempSync(join(tmpdir(), 'blast-bench-')));
const env = {
  ...process.env,
  HOME: sandbox,
  XDG_CONFIG_HOME: sandbox,
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_AUTHOR_NAME: 'Bench',
  GIT_AUTHOR_EMAIL: 'bench@example.com',
  GIT_COMMITTER_NAME: 'Bench',
  GIT_COMMITTER_EMAIL: 'bench@example.com',
  GIT_AUTHOR_DATE: '2024-01-01T00:00:00Z',
  GIT_COMMITTER_DATE: '2024-01-01T00:00:00Z',
};
delete env.CI;
const cacheDir = join(sandbox, 'cache');

const median = (numbers) => {
  const sorted = [...numbers].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

/** One timed run of blast in `cwd`; wall time includes starting Node, as a user sees it. */
function blast(cwd, args) {
  const started = performance.now();
  const child = spawnSync(process.execPath, [measureScript, ...args, '--cache-dir', cacheDir], { cwd, env, encoding: 'utf8' });
  const wallMs = performance.now() - started;
  const line = child.stdout.trim().split('\n').at(-1) ?? '{}';
  const { exitCode, maxRssKb, cpuMs } = JSON.parse(line);
  if (exitCode === 2 || exitCode === undefined) throw new Error(`blast failed in ${cwd}: ${child.stderr || child.stdout}`);
  return { wallMs, maxRssKb, cpuMs };
}

/**
 * One timed run of another command, which must succeed (`okCodes`). Where GNU time is
 * installed it also gives CPU time and peak memory: on a busy machine CPU time is the steadier figure.
 */
const gnuTime = existsSync('/usr/bin/time');

function timed(command, args, cwd, okCodes = [0]) {
  const started = performance.now();
  const child = gnuTime
    ? spawnSync('/usr/bin/time', ['-f', 'BENCH %U %S %M', command, ...args], { cwd, env, encoding: 'utf8', maxBuffer: 1 << 28 })
    : spawnSync(command, args, { cwd, env, encoding: 'utf8', maxBuffer: 1 << 28 });
  const wallMs = performance.now() - started;
  // GNU time reports "Command exited with non-zero status N" and still exits with N.
  if (!okCodes.includes(child.status)) throw new Error(`${command} ${args.join(' ')} exited with ${child.status}: ${child.stderr.trim().split('\n').slice(-3).join(' | ')}`);
  const figures = /BENCH ([\d.]+) ([\d.]+) (\d+)\s*$/.exec(child.stderr ?? '');
  return figures ? { wallMs, cpuMs: (Number(figures[1]) + Number(figures[2])) * 1000, maxRssKb: Number(figures[3]) } : { wallMs };
}

function series(label, count, prepare, run) {
  const samples = [];
  for (let index = 0; index < count; index++) {
    prepare?.();
    samples.push(run());
  }
  const seconds = (ms) => (ms / 1000).toFixed(3);
  const wall = median(samples.map((sample) => sample.wallMs));
  const cpus = samples.map((sample) => sample.cpuMs).filter((value) => value !== undefined);
  const cpu = cpus.length === samples.length ? median(cpus) : undefined;
  const peaks = samples.map((sample) => sample.maxRssKb).filter((value) => value !== undefined);
  const peak = peaks.length > 0 ? `${(Math.max(...peaks) / 1024).toFixed(0)} MiB` : '';
  const spread = `${seconds(Math.min(...samples.map((s) => s.wallMs)))}–${seconds(Math.max(...samples.map((s) => s.wallMs)))} s`;
  console.log(`${label.padEnd(34)} ${seconds(wall).padStart(7)} s   ${spread.padEnd(16)} ${(cpu === undefined ? '' : `${seconds(cpu)} s`).padStart(9)}   ${peak}`);
  return { wall, cpu };
}

let repo;
const git = (...args) => execFileSync('git', args, { cwd: repo, env, stdio: 'ignore' });
let checkArgs;
let changeFile;
if (values.repo) {
  if (!values.base || !values.head) throw new Error('--repo needs --base REF and --head REF');
  repo = resolve(values.repo);
  checkArgs = ['check', '--format', 'json', '--base', values.base, '--head', values.head];
  console.log(`repository ${repo}, ${values.base}..${values.head}`);
} else {
  repo = join(sandbox, 'repo');
  const layout = generateRepository({ root: repo, files: Number(values.files) });
  git('init', '--quiet', '--initial-branch=main');
  git('add', '--all');
  git('commit', '--quiet', '-m', 'base');
  git('checkout', '--quiet', '-b', 'feature');
  const hot = join(repo, layout.hotFile);
  writeFileSync(hot, readFileSync(hot, 'utf8').replace('const scaled = value * options.scale', 'const scaled = value * options.scale * 1'));
  git('commit', '--quiet', '-am', 'change a core module');
  checkArgs = ['check', '--format', 'json', '--committed'];
  changeFile = join(repo, layout.coldFile);
  // The common case beside the worst: a branch that changes one module few others use.
  git('checkout', '--quiet', '-b', 'leaf', 'main');
  writeFileSync(changeFile, readFileSync(changeFile, 'utf8').replace('const scaled = value * options.scale', 'const scaled = value * options.scale * 1'));
  git('commit', '--quiet', '-am', 'change a leaf module');
  git('checkout', '--quiet', 'feature');
  console.log(`synthetic repository: ${layout.files} files; branch feature changes a core module, branch leaf a module few use`);
}
const codeFiles = execFileSync('git', ['ls-files'], { cwd: repo, env, encoding: 'utf8' }).split('\n').filter((path) => /\.(c|m)?[jt]sx?$/.test(path)).length;
console.log(`${codeFiles} code files · Node ${process.versions.node} · ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}) · ${(totalmem() / 2 ** 30).toFixed(0)} GiB`);
console.log(`median of ${runs} runs        median      min–max            CPU time   peak memory`);

const diffArgs = values.repo ? ['diff', '--stat', `${values.base}...${values.head}`] : ['diff', '--stat', 'main...HEAD'];
series('git diff (the floor)', runs, undefined, () => timed('git', diffArgs, repo));
const cold = series('blast check, cold (no cache)', runs, () => rmSync(cacheDir, { recursive: true, force: true }), () => blast(repo, checkArgs));
blast(repo, checkArgs);
series(values.repo ? 'blast check, warm' : 'blast check, warm (core change)', runs, undefined, () => blast(repo, checkArgs));
if (changeFile) {
  git('checkout', '--quiet', 'leaf');
  blast(repo, checkArgs);
  series('blast check, warm (leaf change)', runs, undefined, () => blast(repo, checkArgs));
  git('checkout', '--quiet', 'feature');
  const original = readFileSync(changeFile, 'utf8');
  let edit = 0;
  series(
    'blast check, warm, one file edited',
    runs,
    () => writeFileSync(changeFile, original.replace('return Math.round(scaled)', `return Math.round(scaled) + ${++edit}`).replace('const scaled = value', `const scaled = ${edit} + value`)),
    () => blast(repo, ['check', '--format', 'json']),
  );
  writeFileSync(changeFile, original);
}
if (values.depcruise) {
  const range = values.repo ? values.base : 'main';
  const configArgs = values['depcruise-config'] ? ['--config', resolve(values['depcruise-config'])] : ['--no-config'];
  const depcruise = series(`depcruise --affected ${range}`, Math.min(runs, 3), undefined, () =>
    timed(resolve(values.depcruise), [...configArgs, '--affected', range, '--output-type', 'json', '.'], repo),
  );
  const ratio = (a, b) => (a === undefined || b === undefined ? 'n/a' : (a / b).toFixed(2));
  console.log(`cold blast / depcruise --affected: ${ratio(cold.wall, depcruise.wall)} wall, ${ratio(cold.cpu, depcruise.cpu)} CPU`);
}
if (!values.keep) rmSync(sandbox, { recursive: true, force: true });
else console.log(`kept ${sandbox}`);
