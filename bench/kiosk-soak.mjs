// `make bench`, kiosk soak: 1,000 applications through the real kiosk window
// (release build, WebKit, Xvfb) on a kiosk PC paired with a desk, as an
// applicant touches it: choose a service, agree, fill in the form, touch
// "Kirim", read the receipt, touch "Selesai". Every 100th application is left
// on its receipt until the idle reset takes the kiosk back to its welcome
// screen (the idle time set to 20 seconds), so both ways back are
// in the run. Prints the PSS of the app and its WebKit processes at the start
// and the end, the time from touching "Kirim" to the receipt on screen, and
// the time from touching "Selesai" to the welcome screen of the fresh page the
// kiosk loads for the next applicant, both measured inside the page. Figures
// only; it passes or fails nothing.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Session, firstRun, signIn, startDriver } from '../tests/e2e/webdriver.mjs';
import { createKioskAccount } from '../tests/e2e/desk.mjs';
import { appMemory } from './memory.mjs';

const APP = process.env.LOKET_APP;
const N = Number(process.env.SOAK_RUNS ?? 1000);
const IDLE_EVERY = 100;
const KIOSK = { username: 'kios1', password: 'sandi-kiosk-soak-1' };
const SERVICES = ['penerbitan', 'pembaruan', 'perubahan_data', 'pencabutan'];

const dir = mkdtempSync(join(tmpdir(), 'loket-soak-'));
const env = { ...process.env, LOKET_DATABASE_URL: `sqlite:${dir}/loket.sqlite3?mode=rwc` };
const driver = await startDriver({ LOKET_DATABASE_URL: env.LOKET_DATABASE_URL, LOKET_KIOSK_IDLE_SECS: '20', ...(process.env.SOAK_ENV ? JSON.parse(process.env.SOAK_ENV) : {}) });
let k;
try {
  const s = await Session.start(driver.base, APP);
  await firstRun(s);
  await createKioskAccount(s, KIOSK);
  await s.close();
  const key = execFileSync(APP, ['kiosk-key'], { env }).toString().trim();
  execFileSync(APP, ['pair-kiosk', key], { env, stdio: 'ignore' });

  k = await Session.start(driver.base, APP, ['--kiosk']);
  await k.waitFor('[data-testid=sign-in]', 60_000);
  await signIn(k, KIOSK.username, KIOSK.password);
  await k.waitFor('[data-testid=kiosk-welcome]', 60_000);
  await sleep(2000);
  const start = appMemory(driver.pid);

  // Long enough for an idle reset (20 s) inside one script.
  await k.cmd('POST', '/timeouts', { script: 60_000 });
  // The welcome screen of the page on screen, once it shows: when (the
  // page's clock, ms since the epoch). While the kiosk loads its fresh page
  // the old page's script is cut short by the unload: then ask again.
  const welcome = async () => {
    const deadline = Date.now() + 60_000;
    for (;;) {
      try {
        return await k.cmd('POST', '/execute/async', {
          script: `const done = arguments[arguments.length - 1];
            (async () => {
              while (!document.querySelector('[data-testid=kiosk-welcome]')) await new Promise((r) => requestAnimationFrame(() => r()));
              done(performance.timeOrigin + performance.now());
            })();`,
          args: [],
        });
      } catch (e) {
        if (Date.now() > deadline) throw e;
        await sleep(20);
      }
    }
  };
  const times = [];
  const fresh = [];
  let warm = null;
  const series = [];
  const t0 = performance.now();
  for (let i = 0; i < N; i++) {
    const layanan = SERVICES[i % SERVICES.length];
    const nik = `5171011011${String(670001 + i).padStart(6, '0')}`;
    await welcome();
    // One touch sequence in the page: the service, the agreement, the fields
    // (as typing would set them), the service's own part, then "Kirim"; the
    // time runs from the touch on "Kirim" to the receipt's number on screen.
    // "Selesai" is touched in the page too, right after the answer is handed
    // over (the page is then replaced), except when the kiosk is left on the
    // receipt for its idle reset: one WebDriver call per application, and no
    // element references the driver would keep for the session's life.
    const leave = (i + 1) % IDLE_EVERY === 0;
    const r = await k.cmd('POST', '/execute/async', {
      script: `const done = arguments[arguments.length - 1];
        const [layanan, nik, n, leave] = arguments;
        const tick = () => new Promise((r) => requestAnimationFrame(() => r()));
        const until = async (css) => { for (;;) { const el = document.querySelector(css); if (el) return el; await tick(); } };
        // Names hold no digits: the n-th applicant is named in letters.
        const letters = (x) => String(x).split('').map((d) => 'abcdefghij'[Number(d)]).join('');
        const set = (el, v) => { el.value = v; el.dispatchEvent(new Event('input', { bubbles: true })); };
        (async () => {
          (await until('[data-testid=kiosk-service-' + layanan + ']')).click();
          (await until('[data-testid=kiosk-agree]')).click();
          await tick();
          const data = { nama: 'Pemohon Kiosk ' + letters(n), nik, nik_ulang: nik, email: 'p' + n + '@denpasarkota.go.id',
            telepon: '081234567890', jabatan: 'Analis', unit_kerja: 'Bidang Persandian', instansi: 'Dinas Kominfo' };
          for (const [f, v] of Object.entries(data)) set(document.querySelector('#k-' + f), v);
          if (layanan === 'pembaruan') document.querySelector('[data-testid=kiosk-data-ok]').click();
          if (layanan === 'pencabutan') document.querySelector('[data-testid=kiosk-reason-mutasi]').click();
          if (layanan === 'perubahan_data') {
            set(document.querySelector('#kb-jabatan'), 'Kepala Seksi');
            set(document.querySelector('#k-alasan'), 'Promosi jabatan.');
          }
          await tick();
          const t = performance.now();
          document.querySelector('[data-testid=kiosk-send]').click();
          const shown = await until('[data-testid=kiosk-nomor], [data-testid=kiosk-error]');
          await tick();
          const ms = performance.now() - t;
          if (!shown.textContent.startsWith('REG-')) {
            done('no receipt: ' + [...document.querySelectorAll('.msg.error')].map((e) => e.textContent).join(' | '));
            return;
          }
          // Left on the receipt, the idle reset brings back the welcome screen.
          if (leave) { done({ ms, touched: null }); return; }
          done({ ms, touched: performance.timeOrigin + performance.now() });
          document.querySelector('[data-testid=kiosk-done]').click();
        })().catch((e) => done(String(e)));`,
      args: [layanan, nik, i, leave],
    });
    if (typeof r?.ms !== 'number') throw new Error(`application ${i}: ${JSON.stringify(r)}`);
    times.push(r.ms);
    if (r.touched !== null) fresh.push((await welcome()) - r.touched);
    // A reading every 100 applications, at the welcome screen: the first
    // tells warm-up (WebKit's caches and JIT) from growth, the series shows
    // whether the size holds or climbs.
    if ((i + 1) % 100 === 0) {
      await welcome();
      await sleep(2000);
      series.push(appMemory(driver.pid));
      if (i === 99) warm = series[0];
    }
  }
  await welcome();
  const minutes = (performance.now() - t0) / 60_000;
  await sleep(2000);
  const end = appMemory(driver.pid);
  // The harness's own share: the same number of script calls per 100, on the
  // welcome screen, doing nothing in the kiosk.
  for (let i = 0; i < 100; i++) {
    await k.cmd('POST', '/execute/async', {
      script: `const done = arguments[arguments.length - 1];
        (async () => { for (let j = 0; j < 30; j++) await new Promise((r) => requestAnimationFrame(() => r())); done(1); })();`,
      args: [],
    });
  }
  await sleep(2000);
  const idleCalls = appMemory(driver.pid);
  // And after a minute at rest on the welcome screen, once WebKit's
  // collectors have had their time.
  await sleep(60_000);
  const rested = appMemory(driver.pid);

  const pct = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))];
  const mb = (kb) => (kb / 1024).toFixed(1);
  const growth = (a, b) => (((b.kb - a.kb) / a.kb) * 100).toFixed(1);
  console.log(
    `\nKiosk soak: ${N} applications through the kiosk window (Xvfb), ${Math.floor(N / IDLE_EVERY)} idle resets, ${minutes.toFixed(1)} min`,
  );
  console.log(`PSS app + WebKit [${end.names.join('+')}] (target: growth < 10%)`);
  console.log(`  at the welcome screen before the first: ${mb(start.kb)} MB`);
  if (warm) console.log(`  after 100 applications:                ${mb(warm.kb)} MB`);
  console.log(`  after ${N} applications:               ${mb(end.kb)} MB`);
  console.log(`  growth from the start: ${growth(start, end)}%` + (warm ? `; from application 100 to ${N}: ${growth(warm, end)}%` : ''));
  console.log(`  every 100 applications: ${series.map((m) => mb(m.kb)).join(', ')} MB`);
  const per = (m) => Object.entries(m.each).map(([n, kb]) => `${n} ${mb(kb)}`).join(', ');
  console.log(`  100 further script calls that touch nothing (the harness alone): +${mb(idleCalls.kb - end.kb)} MB`);
  console.log(`  then a minute at rest: ${mb(rested.kb)} MB (growth from the start ${growth(start, rested)}%)`);
  console.log(`  by process: start ${per(start)}; ` + (warm ? `after 100 ${per(warm)}; ` : '') + `end ${per(end)}; at rest ${per(rested)} (MB)`);
  console.log(
    `"Kirim" to receipt on screen: p50 ${pct(times, 50).toFixed(1)} ms, p95 ${pct(times, 95).toFixed(1)} ms, max ${Math.max(...times).toFixed(1)} ms (target p95 < 300 ms)`,
  );
  console.log(
    `"Selesai" to the welcome screen of a fresh page: p50 ${pct(fresh, 50).toFixed(1)} ms, p95 ${pct(fresh, 95).toFixed(1)} ms, max ${Math.max(...fresh).toFixed(1)} ms`,
  );
  const first = times.slice(0, 100);
  const last = times.slice(-100);
  console.log(`first 100 p95 ${pct(first, 95).toFixed(1)} ms, last 100 p95 ${pct(last, 95).toFixed(1)} ms`);
} finally {
  await k?.close().catch(() => {});
  driver.stop();
  try {
    execFileSync(APP, ['unpair-kiosk'], { env, stdio: 'ignore' });
  } catch {
    // nothing paired
  }
  rmSync(dir, { recursive: true, force: true });
}
