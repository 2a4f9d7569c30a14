// `make bench`, start-up part: time from launch to the first interactive
// screen, and the memory (PSS) of the app with its WebKit processes, for Loket
// and for a bare Tauri window measured the same way on the same machine.
// Prints figures; it passes or fails nothing.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Session, firstRun, startDriver } from '../tests/e2e/webdriver.mjs';
import { appMemory } from './memory.mjs';

const RUNS = Number(process.env.BENCH_RUNS ?? 10);
const apps = [
  // Loket's first interactive screen: the first-run setup on a new database,
  // the sign-in screen on every ordinary start after it.
  { name: 'Loket', bin: process.env.LOKET_APP, ready: '[data-testid=first-run], [data-testid=sign-in]', setup: firstRun },
  { name: 'Tauri kosong', bin: process.env.BARE_APP, ready: '#ready' },
];

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

// One database for every run of an app: run 0 is the first start (creates the
// schema, the region table and the data key) and is reported on its own; the
// others are the ordinary start of a desk that already has its data.
const dirs = Object.fromEntries(apps.map((a) => [a.name, mkdtempSync(join(tmpdir(), 'loket-bench-'))]));
const results = {};
const first = {};
for (let run = 0; run <= RUNS; run++) {
  for (const app of apps) {
    const dir = dirs[app.name];
    // Loket writes where its start's time went (one JSON line per start).
    const log = join(dir, 'start.jsonl');
    const driver = await startDriver({ LOKET_DATABASE_URL: `sqlite:${dir}/loket.sqlite3?mode=rwc`, LOKET_STARTUP_LOG: log });
    const t0 = performance.now();
    const s = await Session.start(driver.base, app.bin);
    await s.waitFor(app.ready, 60_000);
    const ms = performance.now() - t0;
    // The first start also creates the first admin, so later starts are ordinary ones.
    // The page's side of the start (milliseconds since its navigation began).
    const page = app.setup
      ? await s.execute(`
          const nav = performance.getEntriesByType('navigation')[0];
          const mark = (n) => performance.getEntriesByName(n)[0]?.startTime ?? null;
          return { origin: performance.timeOrigin, fetch: nav?.fetchStart ?? null, html: nav?.responseEnd ?? null,
            script: mark('loket:script'), mounted: mark('loket:mounted'),
            status: mark('loket:status'), shown: performance.now() };`)
      : null;
    if (run === 0 && app.setup) await app.setup(s);
    await sleep(1500); // let the page settle before reading memory
    const mem = appMemory(driver.pid);
    await s.close();
    driver.stop();
    if (run === 0) first[app.name] = ms;
    else {
      const lines = existsSync(log) ? readFileSync(log, 'utf8').trim().split('\n') : [];
      const line = lines.length === run + 1 ? JSON.parse(lines[run]) : null;
      const marks = line?.marks ?? null;
      if (marks && page) {
        // The page's marks on the shell's line: ms since main().
        const at = (t) => (t === null ? NaN : page.origin + t - line.main_epoch_ms);
        marks.push(
          ['page: navigation started', at(page.fetch ?? 0)],
          ['page: index.html loaded', at(page.html)],
          ['page: script running (main.ts)', at(page.script)],
          ['page: UI mounted', at(page.mounted)],
          ['page: app_status answered', at(page.status)],
          ['page: first screen found by the bench', at(page.shown)],
        );
        marks.sort((a, b) => a[1] - b[1]);
      }
      (results[app.name] ??= []).push({ ms, kb: mem.kb, procs: mem.names.join('+'), marks });
    }
    await sleep(500);
  }
}
for (const dir of Object.values(dirs)) rmSync(dir, { recursive: true, force: true });

// Where Loket's starts went: each mark is milliseconds since the process's
// main(); the UI's first screen comes after the first IPC call.
const breakdown = results.Loket.filter((r) => r.marks);
if (breakdown.length > 0) {
  console.log(`\nLoket's start, by phase (ms since main(), median of ${breakdown.length} starts; the slowest start beside it)`);
  const slowest = [...breakdown].sort((a, b) => b.ms - a.ms)[0];
  console.log('phase                                 | median | slowest start');
  for (const [name] of breakdown[0].marks) {
    const at = breakdown.map((r) => r.marks.find(([n]) => n === name)?.[1] ?? NaN);
    const slow = slowest.marks.find(([n]) => n === name)?.[1] ?? NaN;
    console.log(`${name.padEnd(37)} | ${median(at).toFixed(0).padStart(6)} | ${slow.toFixed(0).padStart(6)}`);
  }
  console.log(`launch to first screen                | ${median(breakdown.map((r) => r.ms)).toFixed(0).padStart(6)} | ${slowest.ms.toFixed(0).padStart(6)}`);
}

console.log(`\nStart-up to first interactive screen and memory (median of ${RUNS} ordinary starts, release builds, Xvfb)`);
for (const [name, ms] of Object.entries(first)) console.log(`first start of ${name}: ${ms.toFixed(0)} ms`);
console.log('app            | launch ms (median, min-max) | PSS MB (median) | processes');
for (const [name, rs] of Object.entries(results)) {
  const ms = rs.map((r) => r.ms);
  const mb = rs.map((r) => r.kb / 1024);
  console.log(
    `${name.padEnd(14)} | ${median(ms).toFixed(0).padStart(6)} (${Math.min(...ms).toFixed(0)}-${Math.max(...ms).toFixed(0)})`.padEnd(44) +
      ` | ${median(mb).toFixed(1).padStart(8)}        | ${rs[0].procs}`,
  );
}
const [l, b] = [results.Loket, results['Tauri kosong']];
const bare = median(b.map((r) => r.ms));
console.log(
  `ratio Loket / bare: launch median ${(median(l.map((r) => r.ms)) / bare).toFixed(2)}x (target 1.2x), ` +
    `slowest start ${(Math.max(...l.map((r) => r.ms)) / bare).toFixed(2)}x (target 1.5x), ` +
    `memory ${(median(l.map((r) => r.kb)) / median(b.map((r) => r.kb))).toFixed(2)}x`,
);
