// End-to-end: operators and sign-in through the real app. First-run setup
// with the recovery key, an operator created by the admin, a wrong password
// until the account locks (with the increasing delay), the admin unlocking it,
// and an operator who can neither open the settings screens nor call their
// commands; the idle lock and signing out from it; a database whose operators
// were deleted with sqlite3 offering no first run, and the office's way back
// with `loket recover-admin` and the recovery key.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, mkdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ADMIN, Session, firstRun, signIn, startDriver } from './webdriver.mjs';
import { intake, person } from './desk.mjs';

const APP = process.env.LOKET_APP;
assert.ok(APP, 'LOKET_APP must name the built app binary (make test sets it)');
const SHOTS = join(process.cwd(), 'target', 'e2e');
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const OPERATOR = { username: 'wayan', password: 'sandi-wayan-2026' };

describe('operators and sign-in through the real app', () => {
  let driver;
  let s;
  let dir;

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'loket-e2e-auth-'));
    await mkdir(SHOTS, { recursive: true });
    driver = await startDriver({ LOKET_DATABASE_URL: `sqlite:${join(dir, 'loket.sqlite3')}?mode=rwc` });
    s = await Session.start(driver.base, APP);
  });

  after(async () => {
    await s?.close();
    driver?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('sets a new desk up: the first admin, then the recovery key once', async () => {
    await s.waitFor('[data-testid=first-run]');
    assert.equal((await s.findAll('[data-testid=nav-new]')).length, 0, 'nothing else before setup');
    await s.checkA11y('penyiapan pertama');
    // A short password is refused next to its field.
    await s.type('#fr-username', ADMIN.username);
    await s.type('#fr-nama', ADMIN.nama);
    await s.type('#fr-password', 'pendek');
    await s.type('#fr-password_ulang', 'pendek');
    await s.click('[data-testid=first-run-create]');
    assert.match(await s.waitForText('[data-testid=fr-password-error]', (t) => t.length > 0), /10 karakter/);
    await s.type('#fr-password', ADMIN.password);
    await s.type('#fr-password_ulang', ADMIN.password);
    await s.click('[data-testid=first-run-create]');
    const key = await s.waitForText('[data-testid=recovery-key]', (t) => t.length > 0);
    assert.match(key, /^[A-Z2-9]{5}(-[A-Z2-9]{5}){5}$/);
    await s.screenshot(join(SHOTS, 'kunci-pemulihan.png'));
    await s.checkA11y('kunci pemulihan');
    const [cont] = await s.findAll('[data-testid=recovery-continue]');
    assert.equal(await s.cmd('GET', `/element/${cont}/enabled`), false, 'continue waits for the confirmation');
    await s.click('[data-testid=recovery-written]');
    await s.click('[data-testid=recovery-continue]');
    // The office's deadline rules, asked with their examples: one alone is refused, nothing saved.
    await s.waitFor('[data-testid=first-run-rules]');
    await s.checkA11y('aturan tenggat kantor');
    await s.click('[data-testid=fr-bsre-dihitung]');
    await s.click('[data-testid=first-run-rules-save]');
    assert.match(await s.waitForText('[data-testid=first-run-rules-error]', (t) => t.length > 0), /Pilih kedua aturan tenggat/);
    await s.screenshot(join(SHOTS, 'aturan-tenggat-pertama.png'));
    // Left for later: the dashboard reminds.
    await s.click('[data-testid=first-run-rules-later]');
    assert.match(await s.waitForText('[data-testid=signed-in-as]', (t) => t.length > 0), /Kepala Seksi Persandian/);
    await s.waitFor('[data-testid=nav-operators]');
  });

  it('lets the admin create an operator with the Operator role only', async () => {
    await s.click('[data-testid=nav-operators]');
    await s.waitFor('[data-testid=new-operator]');
    await s.checkA11y('operator');
    await s.type('#op-username', OPERATOR.username);
    await s.type('#op-nama', 'I Wayan Operator');
    await s.type('#op-password', OPERATOR.password);
    await s.type('#op-password_ulang', OPERATOR.password);
    await s.click('[data-testid=op-create]');
    await s.waitForText('[data-testid=operator-created]', (t) => t === OPERATOR.username);
    await s.click('[data-testid=sign-out]');
    await s.waitFor('[data-testid=sign-in]');
    await s.checkA11y('masuk');
  });

  it('delays from the fifth wrong password and locks the account at the tenth', async () => {
    const answers = () => s.execute("return Number(document.querySelector('[data-testid=sign-in]').dataset.answers)");
    async function attempt(password) {
      const before = await answers();
      await signIn(s, OPERATOR.username, password);
      const deadline = Date.now() + 20_000;
      while ((await answers()) === before) {
        if (Date.now() > deadline) throw new Error('no answer to the sign-in');
        await sleep(100);
      }
      return s.textOf('[data-testid=si-password-error]');
    }
    let failures = 0;
    let message = '';
    while (failures < 10) {
      message = await attempt('bukan-sandi-wayan');
      const wait = /Tunggu (\d+) detik/.exec(message);
      if (wait) {
        assert.ok(failures >= 5, `a delay only from the fifth failure (after ${failures})`);
        await sleep(Number(wait[1]) * 1000 + 200);
        continue;
      }
      failures += 1;
      if (failures < 10) assert.match(message, /salah/, `failure ${failures}`);
    }
    assert.match(message, /terkunci/, 'the tenth failure locks the account');
    // Even the right password is refused now.
    assert.match(await attempt(OPERATOR.password), /terkunci/);
    await s.screenshot(join(SHOTS, 'akun-terkunci.png'));
    await s.checkA11y('akun terkunci');
  });

  it('lets the admin unlock the account', async () => {
    await signIn(s, ADMIN.username, ADMIN.password);
    await s.waitFor('[data-testid=signed-in-as]');
    await s.click('[data-testid=nav-operators]');
    await s.click('[data-testid=operator-unlock]');
    await s.waitGone('[data-testid=operator-unlock]');
    await s.click('[data-testid=nav-credentials]');
    await s.waitFor('[data-testid=credentials]');
    await s.checkA11y('kredensial');
    await s.click('[data-testid=change-password]');
    await s.waitFor('[data-testid=change-password-dialog]');
    await s.checkA11y('ganti kata sandi');
    await s.click('[data-testid=change-password-close]');
    await s.waitGone('[data-testid=change-password-dialog]');
    await s.click('[data-testid=sign-out]');
  });

  it('keeps an operator out of the settings screens and their commands', async () => {
    await signIn(s, OPERATOR.username, OPERATOR.password);
    await s.waitFor('[data-testid=signed-in-as]');
    await s.waitFor('[data-testid=nav-new]');
    for (const nav of ['nav-letter-settings', 'nav-operators', 'nav-credentials', 'nav-audit']) {
      assert.equal((await s.findAll(`[data-testid=${nav}]`)).length, 0, `${nav} is not offered`);
    }
    // Calling the commands directly is refused by the core.
    for (const [cmd, args] of [
      ['save_letter_settings', { settings: {} }],
      ['list_operators', {}],
      ['credential_status', {}],
    ]) {
      const result = await s.invokeRaw(cmd, args);
      assert.equal(result.err?.kind, 'forbidden', `${cmd}: ${JSON.stringify(result)}`);
    }
    await s.screenshot(join(SHOTS, 'operator-tanpa-pengaturan.png'));
  });

  it('offers an operator no case step: the core says the steps are a verifikator’s', async () => {
    await intake(s, person('31', 'Putu Operator', '196711101992031031'));
    await s.waitFor('[data-testid=case-actions]');
    assert.match(await s.textOf('[data-testid=steps-by-verifikator]'), /verifikator/);
    assert.deepEqual(await s.findAll('[data-testid^=action-]'), [], 'no step is offered that the core would refuse');
    const result = await s.invokeRaw('transition_case', {
      id: 1,
      input: { action: 'berkas_kurang', note: 'x', ams_ref: '', reason_code: '', rejected_by: null, valid_from: '', valid_to: '', serial: '' },
    });
    assert.equal(result.err?.kind, 'forbidden', `the core refuses the step all the same: ${JSON.stringify(result)}`);
  });

  it('gives a head of office (Pimpinan) the audit check and nothing that changes data', async () => {
    await s.click('[data-testid=sign-out]');
    await signIn(s, ADMIN.username, ADMIN.password);
    await s.click('[data-testid=nav-operators]');
    await s.waitFor('[data-testid=new-operator]');
    await s.type('#op-username', 'kadis');
    await s.type('#op-nama', 'Kepala Dinas');
    await s.type('#op-password', 'sandi-kepala-dinas-1');
    await s.type('#op-password_ulang', 'sandi-kepala-dinas-1');
    await s.click('[data-testid=op-role-operator]');
    await s.click('[data-testid=op-role-pimpinan]');
    await s.click('[data-testid=op-create]');
    await s.waitForText('[data-testid=operator-created]', (t) => t === 'kadis');
    await s.click('[data-testid=sign-out]');
    await signIn(s, 'kadis', 'sandi-kepala-dinas-1');
    // Home is the dashboard, its counts read only; no desk or settings screen is offered.
    await s.waitFor('[data-testid=dash-terlambat-n]');
    assert.equal((await s.findAll('[data-testid=dashboard] button')).length, 0, 'the counts open no list');
    for (const nav of ['nav-list', 'nav-new', 'nav-letters', 'nav-letter-settings', 'nav-operators', 'nav-credentials']) {
      assert.equal((await s.findAll(`[data-testid=${nav}]`)).length, 0, `${nav} is not offered`);
    }
    // The standard and the calendar are read, not edited.
    await s.click('[data-testid=nav-standard]');
    await s.waitFor('[data-testid=standard-table-penerbitan]');
    assert.equal((await s.findAll('[data-testid=standard-save]')).length, 0);
    await s.click('[data-testid=nav-calendar]');
    await s.waitFor('[data-testid=cal-days]');
    assert.equal((await s.findAll('[data-testid=cal-save], [data-testid=hours-save], [data-testid=cal-file]')).length, 0);
    await s.click('[data-testid=nav-reports]');
    await s.waitFor('[data-testid=rep-services]');
    await s.click('[data-testid=nav-audit]');
    await s.waitFor('[data-testid=audit-verify]');
    assert.equal((await s.findAll('[data-testid=audit-checkpoint]')).length, 0, 'saving the checkpoint is for admins');
    await s.click('[data-testid=audit-verify]');
    assert.match(await s.waitForText('[data-testid=audit-result]', (t) => t.length > 0), /utuh/);
    await s.checkA11y('pimpinan');
    // The attack: calling commands that change data (or read people) directly.
    for (const [cmd, args] of [
      ['save_letter_settings', { settings: {} }],
      ['issue_letter', { id: 1 }],
      ['get_case', { id: 1 }],
      ['reveal_nik', { applicantId: 1 }],
      ['list_operators', {}],
      ['export_audit_checkpoint', {}],
      ['list_cases', { query: { q: '', status: null, layanan: null, kelompok: 'terlambat', page: 0, per_page: 25 } }],
      ['save_service_standard', { standard: { nomor_sk: '', maklumat: 'x', layanan: [] } }],
      ['save_calendar_year', { kalender: { tahun: 2026, dasar: '', hari: [], asal: 'kantor' } }],
      ['save_service_hours', { hours: { minggu: [], khusus: [] } }],
    ]) {
      const result = await s.invokeRaw(cmd, args);
      assert.equal(result.err?.kind, 'forbidden', `${cmd}: ${JSON.stringify(result)}`);
    }
    await s.screenshot(join(SHOTS, 'pimpinan.png'));
    await s.click('[data-testid=sign-out]');
    await s.waitFor('[data-testid=sign-in]');
  });
});

describe('the idle lock in the real app (wall clock moved by libfaketime)', () => {
  it('covers the screen after 15 idle minutes, keeps unsaved input, and stays locked across a restart', async () => {
    const { writeFile } = await import('node:fs/promises');
    const dir = await mkdtemp(join(tmpdir(), 'loket-e2e-idle-'));
    const clock = join(dir, 'faketime');
    await writeFile(clock, '+0m\n');
    // Only the wall clock moves; timers (monotonic) run as usual.
    const driver = await startDriver({
      LOKET_DATABASE_URL: `sqlite:${join(dir, 'loket.sqlite3')}?mode=rwc`,
      LD_PRELOAD: '/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1',
      FAKETIME_TIMESTAMP_FILE: clock,
      FAKETIME_NO_CACHE: '1',
      FAKETIME_DONT_FAKE_MONOTONIC: '1',
    });
    let s;
    try {
      s = await Session.start(driver.base, APP);
      await firstRun(s);
      // Signed in again with "remember me", as a desk that restarts would be.
      await s.click('[data-testid=sign-out]');
      await s.waitFor('[data-testid=sign-in]');
      await s.type('#si-username', ADMIN.username);
      await s.type('#si-password', ADMIN.password);
      await s.click('[data-testid=sign-in] input[type=checkbox]');
      await s.click('[data-testid=sign-in-submit]');
      await s.waitFor('[data-testid=signed-in-as]');
      await s.click('[data-testid=nav-new]');
      await s.type('#f-nama', 'Isian Belum Disimpan');
      // (The exact 15-minute boundary is tested in the core with an injected clock.)
      await writeFile(clock, '+16m\n');
      // The app checks once a minute.
      await s.waitFor('[data-testid=lock-screen]', 90_000);
      await s.screenshot(join(SHOTS, 'layar-terkunci.png'));
      await s.checkA11y('layar terkunci');
      await s.type('#si-password', ADMIN.password);
      await s.click('[data-testid=sign-in-submit]');
      await s.waitGone('[data-testid=lock-screen]');
      assert.equal(await s.execute("return document.querySelector('#f-nama').value"), 'Isian Belum Disimpan');
      // Locked again and left: "Keluar" on the lock screen signs out.
      await writeFile(clock, '+33m\n');
      await s.waitFor('[data-testid=lock-screen]', 90_000);
      // The attack: close Loket on the locked desk and start it again. The
      // remembered operator comes back to the lock screen, not to the desk.
      await s.close();
      s = await Session.start(driver.base, APP);
      await s.waitFor('[data-testid=lock-screen]');
      assert.match(await s.textOf('[data-testid=lock-screen]'), new RegExp(ADMIN.username), 'locked for the remembered operator');
      await s.screenshot(join(SHOTS, 'terkunci-setelah-mulai-ulang.png'));
      await s.click('[data-testid=lock-sign-out]');
      await s.waitGone('[data-testid=lock-screen]');
      await s.waitFor('#si-username');
      assert.equal((await s.findAll('[data-testid=signed-in-as]')).length, 0, 'signed out');
    } finally {
      await s?.close();
      driver.stop();
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('a used database whose operators were deleted', () => {
  it('offers no first run; `loket recover-admin` with the recovery key makes a new admin', async () => {
    const { execFile, spawn } = await import('node:child_process');
    const { promisify } = await import('node:util');
    const run = promisify(execFile);
    const dir = await mkdtemp(join(tmpdir(), 'loket-e2e-admin-hilang-'));
    const url = `sqlite:${join(dir, 'loket.sqlite3')}?mode=rwc`;
    const driver = await startDriver({ LOKET_DATABASE_URL: url });
    let s;
    try {
      s = await Session.start(driver.base, APP);
      const recoveryKey = await firstRun(s);
      await s.close();
      // The attack: sqlite3 on the file, then a restart.
      await run('sqlite3', [join(dir, 'loket.sqlite3'), 'DELETE FROM operator_tokens; DELETE FROM operators;']);
      s = await Session.start(driver.base, APP);
      await s.waitFor('[data-testid=sign-in]');
      assert.equal((await s.findAll('[data-testid=first-run]')).length, 0, 'no first run on a used database');
      // The office's way back, as the manual tells.
      const recover = (lines) =>
        new Promise((resolve) => {
          const p = spawn(APP, ['recover-admin'], { env: { ...process.env, LOKET_DATABASE_URL: url } });
          let out = '';
          p.stdout.on('data', (d) => (out += d));
          p.stderr.on('data', (d) => (out += d));
          p.on('exit', (code) => resolve({ code, out }));
          p.stdin.end(lines.join('\n') + '\n');
        });
      const wrong = await recover(['AAAAA-BBBBB-CCCCC-DDDDD-EEEEE-FFFFF', 'pemulih', 'Admin Pemulih', 'sandi-pemulih-2026', 'sandi-pemulih-2026']);
      assert.notEqual(wrong.code, 0, wrong.out);
      assert.match(wrong.out, /Kunci pemulihan salah/);
      const right = await recover([recoveryKey, 'pemulih', 'Admin Pemulih', 'sandi-pemulih-2026', 'sandi-pemulih-2026']);
      assert.equal(right.code, 0, right.out);
      assert.match(right.out, /Admin baru pemulih dibuat/);
      await signIn(s, 'pemulih', 'sandi-pemulih-2026');
      await s.waitFor('[data-testid=signed-in-as]');
    } finally {
      await s?.close();
      driver.stop();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
