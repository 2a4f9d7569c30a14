// `make bench`, start-up part: time from launch to the first interactive
// screen, and the memory (PSS) of the app with its WebKit processes, for Loket
// and for a bare Tauri window measured the same way on the same machine.
// Prints figures; it passes or fails nothing.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Session, firstRun, startDriver } from '../tests/e2e/webdriver.mjs';
import { appMemory } from './memory.mjs';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
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
    const driver = await startDriver({ LOKET_DATABASE_URL: `sqlite:${dir}/loket.sqlite3?mode=rwc` });
    const t0 = performance.now();
    const s = await Session.start(driver.base, app.bin);
    await s.waitFor(app.ready, 60_000);
    const ms = performance.now() - t0;
    // The first start also creates the first admin, so later starts are ordinary ones.
    if (run === 0 && app.setup) await app.setup(s);
    await sleep(1500); // let the page settle before reading memory
    const mem = appMemory(driver.pid);
    await s.close();
    driver.stop();
    if (run === 0) first[app.name] = ms;
    else (results[app.name] ??= []).push({ ms, kb: mem.kb, procs: mem.names.join('+') });
    await sleep(500);
  }
}
for (const dir of Object.values(dirs)) rmSync(dir, { recursive: true, force: true });

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
console.log(
  `ratio Loket / bare: launch ${(median(l.map((r) => r.ms)) / median(b.map((r) => r.ms))).toFixed(2)}x, ` +
    `memory ${(median(l.map((r) => r.kb)) / median(b.map((r) => r.kb))).toFixed(2)}x`,
);
