// A small W3C WebDriver client for the end-to-end tests: tauri-driver in front
// of WebKitWebDriver, driving the real Loket binary. Classic WebDriver only
// (no BiDi webSocketUrl, which WebKitWebDriver refuses).
import { execFile, spawn } from 'node:child_process';
import { promisify } from 'node:util';
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { mkdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const run = promisify(execFile);
const ELEMENT = 'element-6066-11e4-a52e-4f735466cecf';
// axe-core's source, read once when a test first checks a screen.
let AXE = null;

async function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** Starts tauri-driver with `env` (which the app inherits) and waits until it answers. */
export async function startDriver(env = {}) {
  const port = await freePort();
  const nativePort = await freePort();
  // In a process group of its own, so stopping it stops WebKitWebDriver and
  // the app too: an app left running would hold this test file's output
  // open, and the test runner would wait for it forever.
  const proc = spawn(
    'tauri-driver',
    ['--port', String(port), '--native-port', String(nativePort), '--native-driver', '/usr/bin/WebKitWebDriver'],
    { env: { ...process.env, ...env }, stdio: ['ignore', 'inherit', 'inherit'], detached: true },
  );
  const signal = (sig) => {
    try {
      process.kill(-proc.pid, sig);
    } catch {
      // the group is gone
    }
  };
  const stop = () => {
    signal('SIGTERM');
    setTimeout(() => signal('SIGKILL'), 2000).unref();
  };
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    try {
      const r = await fetch(`${base}/status`);
      if (r.ok) return { base, pid: proc.pid, stop };
    } catch {
      // not listening yet
    }
    await sleep(200);
  }
  signal('SIGKILL');
  throw new Error('tauri-driver did not start within 30 s');
}

async function wd(base, method, path, body) {
  const r = await fetch(base + path, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = await r.json().catch(() => ({}));
  if (!r.ok) {
    const v = json.value ?? {};
    const err = new Error(`${method} ${path}: ${v.error ?? r.status} ${v.message ?? ''}`);
    err.code = v.error;
    throw err;
  }
  return json.value;
}

export class Session {
  constructor(base, id) {
    this.base = base;
    this.id = id;
  }

  /** Launches the app binary through the driver (with `args`, e.g. `['--kiosk']`). */
  static async start(base, application, args = []) {
    const value = await wd(base, 'POST', '/session', {
      capabilities: { alwaysMatch: { 'tauri:options': { application, args } } },
    });
    return new Session(base, value.sessionId);
  }

  cmd(method, path, body) {
    return wd(this.base, method, `/session/${this.id}${path}`, body);
  }

  async findAll(css) {
    const els = await this.cmd('POST', '/elements', { using: 'css selector', value: css });
    return els.map((e) => e[ELEMENT] ?? Object.values(e)[0]);
  }

  /** Like findAll, but a page that is being replaced (a reload: the kiosk
   * loads a fresh page for every applicant) matches nothing yet instead of
   * failing; the waits below look again. */
  async findNow(css) {
    try {
      return await this.findAll(css);
    } catch (e) {
      if (e.code === 'no such frame' || e.code === 'no such window' || e.code === 'javascript error') return [];
      throw e;
    }
  }

  /** Waits until `css` matches an element and returns it. */
  async waitFor(css, timeout = 20_000) {
    const deadline = Date.now() + timeout;
    for (;;) {
      const [el] = await this.findNow(css);
      if (el) return el;
      if (Date.now() > deadline) throw await this.failure(`no element matches ${css} after ${timeout} ms`);
      await sleep(100);
    }
  }

  /** Waits until the text of `css` satisfies `pred`; returns the text. */
  async waitForText(css, pred, timeout = 20_000) {
    const deadline = Date.now() + timeout;
    let last = '';
    for (;;) {
      const [el] = await this.findNow(css);
      if (el) {
        try {
          last = await this.text(el);
          if (pred(last)) return last;
        } catch {
          // re-rendered between find and read
        }
      }
      if (Date.now() > deadline) throw await this.failure(`text of ${css} never matched; last: ${JSON.stringify(last)}`);
      await sleep(100);
    }
  }

  async waitGone(css, timeout = 20_000) {
    const deadline = Date.now() + timeout;
    while ((await this.findAll(css)).length > 0) {
      if (Date.now() > deadline) throw new Error(`${css} still present after ${timeout} ms`);
      await sleep(100);
    }
  }

  async click(css) {
    const el = await this.waitFor(css);
    await this.cmd('POST', `/element/${el}/click`, {});
  }

  /** Ticks a checkbox (a click only when it is not ticked yet). */
  async tick(css) {
    const el = await this.waitFor(css);
    if (!(await this.cmd('GET', `/element/${el}/selected`))) await this.cmd('POST', `/element/${el}/click`, {});
  }

  async type(css, text) {
    const el = await this.waitFor(css);
    await this.cmd('POST', `/element/${el}/clear`, {});
    await this.cmd('POST', `/element/${el}/value`, { text });
  }

  /** Sets an input's or select's value the way a user's edit would, for
   * widgets WebDriver cannot type into reliably (date pickers, selects). */
  async setValue(css, value) {
    const el = await this.waitFor(css);
    await this.execute(
      `const el = arguments[0];
       el.value = arguments[1];
       el.dispatchEvent(new Event('input', { bubbles: true }));
       el.dispatchEvent(new Event('change', { bubbles: true }));`,
      [{ 'element-6066-11e4-a52e-4f735466cecf': el }, value],
    );
  }

  text(el) {
    return this.cmd('GET', `/element/${el}/text`);
  }

  async textOf(css) {
    return this.text(await this.waitFor(css));
  }

  async textsOf(css) {
    return Promise.all((await this.findAll(css)).map((el) => this.text(el)));
  }

  source() {
    return this.cmd('GET', '/source');
  }

  title() {
    return this.cmd('GET', '/title');
  }

  execute(script, args = []) {
    return this.cmd('POST', '/execute/sync', { script, args });
  }

  /** Runs an async script; it calls `arguments[arguments.length - 1]` with its result. */
  executeAsync(script, args = []) {
    return this.cmd('POST', '/execute/async', { script, args });
  }

  /** Calls a Loket command by name through the window's IPC bridge, as a
   * script in the page could: `{ ok: value }` or `{ err: error }`. */
  invokeRaw(cmd, args = {}) {
    return this.executeAsync(
      `const done = arguments[arguments.length - 1];
       window.__TAURI_INTERNALS__.invoke(arguments[0], arguments[1])
         .then((v) => done({ ok: v }), (e) => done({ err: e }));`,
      [cmd, args],
    );
  }

  /** Runs axe-core (from npm, ui/node_modules) on the screen as it is and
   * fails on any serious or critical finding, naming the rule and the elements.
   * The script is handed to WebDriver as it is, so the page's CSP (no eval)
   * stays as the product ships it. */
  async checkA11y(where) {
    if (!AXE) AXE = readFileSync(fileURLToPath(new URL('../../ui/node_modules/axe-core/axe.min.js', import.meta.url)), 'utf8');
    const loaded = await this.execute('return typeof window.axe !== "undefined";');
    if (!loaded) await this.execute(`${AXE}\n;return true;`);
    const found = await this.executeAsync(
      `const done = arguments[arguments.length - 1];
       window.axe.run(document, { resultTypes: ['violations'] })
         .then((r) => done(r.violations
           .filter((v) => v.impact === 'serious' || v.impact === 'critical')
           .map((v) => ({ id: v.id, impact: v.impact, help: v.help,
             nodes: v.nodes.slice(0, 5).map((n) => n.target.join(' ')) }))))
         .catch((e) => done([{ id: 'axe-failed', impact: 'critical', help: String(e), nodes: [] }]));`,
    );
    if (found.length > 0) {
      const lines = found.map((v) => `${v.impact} ${v.id}: ${v.help} [${v.nodes.join(', ')}]`);
      throw new Error(`accessibility (${where}):\n${lines.join('\n')}`);
    }
  }

  /** Saves a picture of the whole Xvfb screen for people to look at. It is
   * taken from the display (WebKitWebDriver's own screenshot call sometimes
   * never answers) and never fails a test: a missing picture is only logged. */
  async screenshot(file) {
    try {
      // Two animation frames: what the page last changed is on the screen.
      await this.executeAsync(
        'const done = arguments[arguments.length - 1]; requestAnimationFrame(() => requestAnimationFrame(() => done(true)));',
      );
    } catch {
      // a page that is gone is pictured as it is
    }
    try {
      await run('import', ['-window', 'root', file], { timeout: 15_000 });
    } catch (e) {
      console.log(`# screenshot ${file} not taken: ${e.message}`);
    }
  }

  /** A failed wait: the screen as it was is saved under target/e2e/failures/
   * (named in the message) so a red run can be looked at, in CI too. */
  async failure(message) {
    const dir = fileURLToPath(new URL('../../target/e2e/failures/', import.meta.url));
    mkdirSync(dir, { recursive: true });
    const file = `${dir}${new Date().toISOString().replace(/[:.]/g, '-')}.png`;
    await this.screenshot(file);
    return new Error(`${message} (layar: ${file})`);
  }

  async close() {
    try {
      await this.cmd('DELETE', '');
    } catch {
      // the app may already be gone
    }
  }
}

/** The first admin of a new desk (all desk roles), as the tests sign in. */
export const ADMIN = { username: 'kepala', nama: 'Kepala Seksi Persandian', password: 'sandi-kepala-2026' };

/** Completes the first-run setup of a new desk and lands on the case list:
 * the first admin (with the Verifikator and Operator roles too), the recovery
 * key shown once and confirmed as written down. Returns the recovery key. */
export async function firstRun(s, who = ADMIN, { rules = null } = {}) {
  await s.waitFor('[data-testid=first-run]');
  await s.type('#fr-username', who.username);
  await s.type('#fr-nama', who.nama);
  await s.type('#fr-password', who.password);
  await s.type('#fr-password_ulang', who.password);
  await s.click('[data-testid=first-run-create]');
  const key = await s.waitForText('[data-testid=recovery-key]', (t) => t.length > 0);
  await s.click('[data-testid=recovery-written]');
  await s.click('[data-testid=recovery-continue]');
  // The office's deadline rules: chosen now (`rules`: { bsre, akhir }), or later.
  await s.waitFor('[data-testid=first-run-rules]');
  if (rules) {
    await s.click(`[data-testid=fr-bsre-${rules.bsre}]`);
    await s.click(`[data-testid=fr-akhir-${rules.akhir}]`);
    await s.click('[data-testid=first-run-rules-save]');
  } else {
    await s.click('[data-testid=first-run-rules-later]');
  }
  await s.waitFor('[data-testid=signed-in-as]');
  return key;
}

/** Signs in on the sign-in screen. */
export async function signIn(s, username, password) {
  await s.waitFor('[data-testid=sign-in]');
  await s.type('#si-username', username);
  await s.type('#si-password', password);
  await s.click('[data-testid=sign-in-submit]');
}

/** A new desk for one test file: a temporary folder with its SQLite
 * database, tauri-driver and the app on it, signed in as the first admin.
 * `sql(query)` reads the first value of a query straight from the database
 * file (as a colleague with sqlite3 would); `close()` ends it all. */
export async function freshDesk(app, prefix) {
  const { mkdtemp, rm } = await import('node:fs/promises');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const dir = await mkdtemp(join(tmpdir(), prefix));
  const db = join(dir, 'loket.sqlite3');
  const driver = await startDriver({ LOKET_DATABASE_URL: `sqlite:${db}?mode=rwc` });
  const s = await Session.start(driver.base, app);
  await firstRun(s);
  const sql = async (query) =>
    (
      await run('python3', ['-c', 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute(sys.argv[2]).fetchone()[0])', db, query])
    ).stdout.trim();
  const close = async () => {
    await s.close().catch(() => {});
    driver.stop();
    await rm(dir, { recursive: true, force: true });
  };
  return { dir, db, s, sql, close };
}
