// End-to-end: one PC with a second, applicant-facing screen. `loket
// --kiosk-screen N` opens the staff window and the kiosk window, the kiosk
// full screen on screen N; a screen that is not there leaves the staff window
// alone and says so. The app is started directly (no WebDriver: two windows),
// and the windows are read from the X server. Xvfb offers one screen, so the
// kiosk's placement on a real second screen is not exercised here.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { windowProps, windowTree } from './xwindows.mjs';

const APP = process.env.LOKET_APP;
assert.ok(APP, 'LOKET_APP must name the built app binary (make test sets it)');

/** The titles of the top-level windows on the display. */
async function titles() {
  return windowTree();
}

/** Starts Loket with `args`; resolves with the process and its standard error so far. */
function start(dir, args) {
  const app = spawn(APP, args, {
    env: { ...process.env, LOKET_DATABASE_URL: `sqlite:${dir}/loket.sqlite3?mode=rwc` },
    stdio: ['ignore', 'ignore', 'pipe'],
    detached: true,
  });
  const out = { stderr: '' };
  app.stderr.on('data', (d) => (out.stderr += d));
  return { app, out };
}

async function until(check, what, ms = 30_000) {
  const deadline = Date.now() + ms;
  for (;;) {
    if (await check()) return;
    assert.ok(Date.now() < deadline, what);
    await new Promise((r) => setTimeout(r, 200));
  }
}

function stop(app) {
  try {
    process.kill(-app.pid, 'SIGTERM');
  } catch {
    // already gone
  }
}

describe('the kiosk on a second screen of a desk PC', () => {
  let dir;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'loket-e2e-layar-'));
  });
  after(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('opens the staff window and the kiosk window on the screen named', async () => {
    const { app } = start(dir, ['--kiosk-screen', '1']);
    try {
      await until(async () => {
        const t = await titles();
        return t.includes('"Loket Sertifikat Elektronik"') && t.includes('Kiosk Pemohon');
      }, 'both windows open');
      assert.match((await windowProps('Kiosk Pemohon')) ?? '', /_NET_WM_STATE_FULLSCREEN/);
    } finally {
      stop(app);
    }
    await until(async () => !(await titles()).includes('Kiosk Pemohon'), 'the app ends');
  });

  it('leaves the staff window alone, and says why, when the screen is not there', async () => {
    const { app, out } = start(dir, ['--kiosk-screen', '2']);
    try {
      await until(async () => (await titles()).includes('"Loket Sertifikat Elektronik"'), 'the staff window opens');
      await until(async () => /Layar 2 untuk kiosk tidak ada/.test(out.stderr), `the reason is said: ${out.stderr}`);
      assert.ok(!(await titles()).includes('Kiosk Pemohon'), 'no kiosk window');
    } finally {
      stop(app);
    }
  });

  it('refuses a screen number that is not one', async () => {
    const { app, out } = start(dir, ['--kiosk-screen', 'dua']);
    const code = await new Promise((r) => app.on('exit', r));
    assert.equal(code, 1);
    assert.match(out.stderr, /nomor layar/);
  });
});
