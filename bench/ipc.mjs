// `make bench`, IPC part: a case-list page through the real app's IPC (release
// build, WebKit, Xvfb) on the 1,000,000-case file the search benchmark made.
// Timed inside the webview around each invoke, so it is what the UI waits.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Session, firstRun, startDriver } from '../tests/e2e/webdriver.mjs';

const db = join(process.cwd(), 'target', 'bench-data', 'loket.sqlite3');
if (!existsSync(db)) throw new Error(`${db} is missing: run the search benchmark first`);
// The data set was written with a fixed bench key; let this session's fresh
// keyring take it over as a new desk would (only the list is measured).
// Its operators go too: the bench signs in as a new first admin.
execFileSync('python3', ['-c', `import sqlite3
c = sqlite3.connect(${JSON.stringify(db)})
c.execute("delete from settings where key in ('data_key_check', 'audit_head')")
if c.execute("select 1 from sqlite_master where name = 'operators'").fetchone():
    c.execute("delete from operator_tokens")
    c.execute("delete from operators")
c.commit()`]);

const driver = await startDriver({ LOKET_DATABASE_URL: `sqlite:${db}?mode=rwc` });
const s = await Session.start(driver.base, process.env.LOKET_APP);
try {
  await firstRun(s);
  await s.waitFor('[data-testid=case-row]', 120_000);
  await s.cmd('POST', '/timeouts', { script: 300_000 });
  const N = 200;
  const run = (query) =>
    s.cmd('POST', '/execute/async', {
      script: `const done = arguments[arguments.length - 1];
        const [query, n] = arguments;
        (async () => {
          const invoke = window.__TAURI_INTERNALS__.invoke;
          const times = [];
          for (let i = 0; i < n; i++) {
            const q = { ...query, page: i % 40 };
            const t = performance.now();
            await invoke('list_cases', { query: q });
            times.push(performance.now() - t);
          }
          done(times);
        })().catch((e) => done(String(e)));`,
      args: [query, N],
    });
  const pct = (xs, p) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length * p) / 100)];
  console.log(`\nList page through IPC (release app, ${N} pages of 25, 1,000,000 cases)`);
  console.log('list                 | p50 ms | p95 ms');
  for (const [name, query] of [
    ['semua (newest first)', { q: '', status: null, layanan: null, per_page: 25 }],
    ['status = diterima', { q: '', status: 'diterima', layanan: null, per_page: 25 }],
    ['nama "i made"', { q: 'i made', status: null, layanan: null, per_page: 25 }],
  ]) {
    const times = await run(query);
    if (!Array.isArray(times)) throw new Error(times);
    console.log(`${name.padEnd(20)} | ${pct(times, 50).toFixed(2).padStart(6)} | ${pct(times, 95).toFixed(2).padStart(6)}`);
  }
  console.log('target: p95 < 30 ms through IPC');
} finally {
  await s.close();
  driver.stop();
}
