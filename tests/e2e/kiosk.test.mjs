// End-to-end: the kiosk as the real app runs it (`loket --kiosk`) on a kiosk
// PC paired with the office's key (`loket kiosk-key`, `loket pair-kiosk`),
// on the same database as the desk. The window is full screen without a
// frame; a staff account cannot sign in there; an applicant applies and gets a
// receipt whose QR code scans to the registration number; the stage is told
// by number and the NIK's last four digits; nothing else can be reached from
// the window (another page, a staff command by name); the receipt is printed
// on the default printer (a real CUPS queue); only staff close it,
// with their own password (or, at a kiosk PC, the kiosk account's); the desk finds the submission in its inbox,
// accepts one under the receipt's number and discards another with a reason,
// and the receipt's number in the search box opens the case.
// The kiosk's idle time is set short (30 s) for the test.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, mkdir, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { ADMIN, Session, firstRun, signIn, startDriver } from './webdriver.mjs';
import { createKioskAccount, person } from './desk.mjs';
import { windowProps, windowTree } from './xwindows.mjs';

const run = promisify(execFile);
const APP = process.env.LOKET_APP;
assert.ok(APP, 'LOKET_APP must name the built app binary (make test sets it)');
// The real CUPS queue (cups-pdf) that `make test` sets up as the default printer.
const PRINTS = process.env.LOKET_TEST_PRINT_DIR;
assert.ok(PRINTS && process.env.PRINTER, 'PRINTER and LOKET_TEST_PRINT_DIR must name the test print queue (make test sets them)');

/** Whether the queue has finished writing the PDF at `path`: it ends with
 * its end-of-file mark and its size holds still for a moment (cups-pdf writes
 * the file in place, and a half-written one can already show its text). */
async function written(path) {
  const first = await readFile(path).catch(() => Buffer.alloc(0));
  if (!first.subarray(-64).includes('%%EOF')) return false;
  await new Promise((r) => setTimeout(r, 300));
  const again = await readFile(path).catch(() => Buffer.alloc(0));
  return again.length === first.length;
}

/** The text of the printed PDF that holds `nomor`, once the queue has written it. */
async function printed(nomor) {
  const deadline = Date.now() + 60_000;
  for (;;) {
    for (const name of (await readdir(PRINTS)).filter((n) => n.endsWith('.pdf'))) {
      const path = join(PRINTS, name);
      if (!(await written(path))) continue;
      const { stdout } = await run('pdftotext', ['-layout', path, '-']).catch(() => ({ stdout: '' }));
      if (stdout.includes(nomor)) return { path, text: stdout };
    }
    assert.ok(Date.now() < deadline, `no printed receipt of ${nomor} in ${PRINTS}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}
const SHOTS = join(process.cwd(), 'target', 'e2e');
const KIOSK = { username: 'kios1', password: 'sandi-kiosk-2026' };
const budi = person('41', 'I Made Budi Kiosk', '');
const ayu = person('42', 'Ni Luh Ayu Kiosk', '');
const eka = person('43', 'Putu Eka Kiosk', '');
const dewi = person('44', 'Kadek Dewi Kiosk', '');
const wayan = person('45', 'I Wayan Tetap Di Layar', '');

/** The X window of the kiosk and its properties, as xprop prints them. */
async function kioskWindow() {
  const props = await windowProps('Kiosk Pemohon');
  assert.ok(props, `no kiosk window in:\n${await windowTree()}`);
  return props;
}

/** What a real QR reader reads on the screen: screenshots taken until one
 * holds a code, for at most 10 s; '' if none did. */
async function scanScreen(k, file) {
  const deadline = Date.now() + 10_000;
  for (;;) {
    await k.screenshot(file);
    const { stdout } = await run('zbarimg', ['--quiet', '--raw', '--nodbus', file]).catch(() => ({ stdout: '' }));
    if (stdout.trim() || Date.now() > deadline) return stdout.trim();
    await new Promise((r) => setTimeout(r, 500));
  }
}

/** Ends an applicant's turn with `button` (Selesai, Batal), which loads a
 * fresh page, and waits for that page's welcome screen (not the old page's). */
async function nextApplicant(k, button = '[data-testid=kiosk-done]') {
  await k.execute('window.previousApplicant = true; return null;');
  await k.click(button);
  const deadline = Date.now() + 20_000;
  for (;;) {
    const fresh = await k
      .execute("return !window.previousApplicant && !!document.querySelector('[data-testid=kiosk-welcome]');")
      .catch(() => false);
    if (fresh) return;
    assert.ok(Date.now() < deadline, 'no fresh kiosk page after the applicant left');
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Asks every window whose title contains `title` to close, as a window
 * manager would; returns how many were asked. */
async function askToClose(title) {
  const python = join(process.cwd(), 'target', 'pytools', 'bin', 'python');
  const { stdout } = await run(python, [join(process.cwd(), 'tests', 'e2e', 'close-window.py'), title]);
  return Number(stdout.trim());
}

/** Fills in `who` for `layanan` (the service's own part with `part`) and sends it. */
async function apply(k, layanan, who, part = async () => {}) {
  await k.click(`[data-testid=kiosk-service-${layanan}]`);
  await k.waitFor('[data-testid=kiosk-form]');
  await k.click('[data-testid=kiosk-agree]');
  for (const [field, value] of Object.entries(who)) if (value) await k.type(`#k-${field}`, value);
  await part();
  await k.click('[data-testid=kiosk-send]');
  return k.waitForText('[data-testid=kiosk-nomor]', (t) => t.startsWith('REG-'));
}

/** Opens the inbox row of registration number `nomor` at the desk. */
async function openInbox(s, nomor, opens = '[data-testid=inbox-opened]') {
  await s.waitFor('[data-testid=inbox-row]');
  const clicked = await s.execute(
    `const row = [...document.querySelectorAll('[data-testid=inbox-row]')]
       .find((r) => r.querySelector('td')?.textContent.trim() === arguments[0]);
     row?.querySelector('[data-testid=inbox-open]').click();
     return !!row;`,
    [nomor],
  );
  assert.ok(clicked, `no inbox row ${nomor}`);
  await s.waitFor(opens);
}

describe('the kiosk, locked down, and the desk picking up what it sent', () => {
  let driver;
  let s;
  let k;
  let dir;
  const year = new Date().getFullYear();

  // The app's own environment, for its command-line pairing.
  let env;

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'loket-e2e-kiosk-'));
    await mkdir(SHOTS, { recursive: true });
    env = { ...process.env, LOKET_DATABASE_URL: `sqlite:${dir}/loket.sqlite3?mode=rwc` };
    driver = await startDriver({
      LOKET_DATABASE_URL: env.LOKET_DATABASE_URL,
      LOKET_KIOSK_IDLE_SECS: '30',
    });
    // The desk first: the admin sets up and creates the kiosk's account.
    s = await Session.start(driver.base, APP);
    await firstRun(s);
    await createKioskAccount(s, KIOSK);
    await s.close();
    s = null;
    // Pairing, as the manual tells: the desk prints the office's public key,
    // the kiosk PC pins it. From here on `--kiosk` opens a kiosk PC: no data key.
    const { stdout: key } = await run(APP, ['kiosk-key'], { env });
    assert.match(key.trim(), /^[0-9a-f]{64}$/);
    const { stdout: paired } = await run(APP, ['pair-kiosk', key.trim()], { env });
    assert.match(paired, /kiosk siap/);
    k = await Session.start(driver.base, APP, ['--kiosk']);
  });

  after(async () => {
    await k?.close().catch(() => {});
    await s?.close();
    driver?.stop();
    if (env) await run(APP, ['unpair-kiosk'], { env }).catch(() => {});
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('opens full screen and without a frame', async () => {
    await k.waitFor('[data-testid=kiosk] [data-testid=sign-in]');
    const props = await kioskWindow();
    assert.match(props, /_NET_WM_STATE\(ATOM\) = .*_NET_WM_STATE_FULLSCREEN/);
    // Motif hints: flags 0x2 (decorations given), decorations 0 (none).
    assert.match(props, /_MOTIF_WM_HINTS\(_MOTIF_WM_HINTS\) = 0x2, 0x0/);
    await k.checkA11y('kiosk masuk');
    await k.screenshot(join(SHOTS, 'kiosk-masuk.png'));
  });

  it("answers a staff account's right password at the kiosk's sign-in as a wrong one", async () => {
    await signIn(k, ADMIN.username, ADMIN.password);
    const right = await k.waitForText('[data-testid=si-password-error]', (t) => t.length > 0);
    assert.match(right, /salah/);
    assert.equal((await k.findAll('[data-testid=kiosk-welcome]')).length, 0);
    await signIn(k, 'tidak-ada-orangnya', 'bukan-sandinya');
    await k.waitFor('[data-testid=sign-in][data-answers="2"]');
    assert.equal(await k.textOf('[data-testid=si-password-error]'), right, 'an unknown name gets the same answer');
  });

  it('shows no path or internal detail to the public', async () => {
    const status = await k.executeAsync(`
      const done = arguments[arguments.length - 1];
      window.__TAURI_INTERNALS__.invoke('app_status').then(done, (e) => done({ err: String(e) }));`);
    assert.equal(status.database, '', JSON.stringify(status));
    assert.ok(!JSON.stringify(status).includes(dir), 'the database folder is not told to the kiosk');
    // The desk's pages cannot be loaded into the kiosk window, and the window
    // shows the kiosk whatever its address says.
    await k.execute("location.href = 'index.html'; return null;");
    await new Promise((r) => setTimeout(r, 1000));
    assert.match(await k.execute('return location.href;'), /#kiosk$/);
    await k.execute("location.hash = ''; return null;");
    await new Promise((r) => setTimeout(r, 500));
    assert.equal((await k.findAll('[data-testid=kiosk]')).length, 1, 'still the kiosk');
    await k.execute("location.hash = 'kiosk'; return null;");
  });

  it('takes an application after the privacy agreement, with messages next to the fields', async () => {
    await signIn(k, KIOSK.username, KIOSK.password);
    await k.waitFor('[data-testid=kiosk-welcome]');
    await k.checkA11y('kiosk layanan');
    await k.screenshot(join(SHOTS, 'kiosk-layanan.png'));
    await k.click('[data-testid=kiosk-service-penerbitan]');
    await k.waitFor('[data-testid=kiosk-form]');
    // What the service needs, how long it takes, its cost and where to complain, from the settings.
    const about = await k.textOf('[data-testid=kiosk-about]');
    assert.match(about, /KTP/);
    assert.match(about, /3 hari kerja/);
    assert.match(about, /Tidak dipungut biaya/);
    assert.match(about, /LAPOR!/);
    const [send] = await k.findAll('[data-testid=kiosk-send]');
    assert.equal(await k.cmd('GET', `/element/${send}/enabled`), false, 'nothing is sent before agreeing');
    await k.click('[data-testid=kiosk-agree]');
    for (const [field, value] of Object.entries({ ...budi, nik_ulang: '5171011011670099' })) {
      if (value) await k.type(`#k-${field}`, value);
    }
    await k.click('[data-testid=kiosk-send]');
    assert.match(await k.waitForText('[data-testid=k-nik_ulang-error]', (t) => t.length > 0), /tidak sama/);
    await k.checkA11y('kiosk formulir');
    await k.screenshot(join(SHOTS, 'kiosk-formulir.png'));
    await k.type('#k-nik_ulang', budi.nik);
    await k.click('[data-testid=kiosk-send]');
    const nomor = await k.waitForText('[data-testid=kiosk-nomor]', (t) => t.startsWith('REG-'));
    assert.equal(nomor, `REG-${year}-00001`);
    assert.match(await k.textOf('[data-testid=kiosk-janji]'), /Perkiraan selesai: \d{2}\/\d{2}\/\d{4}/);
    assert.match(await k.textOf('[data-testid=kiosk-bring]'), /KTP/);
    // The QR code on screen, read by a real QR reader from a screenshot of
    // the X screen (taken again while the compositor has not drawn it yet).
    assert.equal(await scanScreen(k, join(SHOTS, 'kiosk-tanda-terima.png')), nomor, "the receipt's QR code is its registration number");
    // Printed without a dialog on the default printer (a real CUPS queue writing PDFs).
    assert.match(await k.textOf('[data-testid=kiosk-printed]'), /LoketPDF/);
    const slip = await printed(nomor);
    assert.match(slip.text, /TANDA TERIMA PERMOHONAN/);
    assert.match(slip.text.split(/\s+/).join(' '), /Biaya: Tidak dipungut biaya\. Jam layanan:/, 'the fee and the hours on paper');
    assert.ok(!slip.text.includes(budi.nik) && !slip.text.includes(budi.nama), 'nothing personal on paper');
    const png = join(SHOTS, 'kiosk-tanda-terima-cetak');
    await run('pdftoppm', ['-r', '150', '-png', '-singlefile', slip.path, png]);
    const { stdout: onPaper } = await run('zbarimg', ['--quiet', '--raw', '--nodbus', `${png}.png`]);
    assert.equal(onPaper.trim(), nomor, 'the printed QR code is the number');
    await nextApplicant(k);
    assert.equal(
      await apply(k, 'pencabutan', ayu, () => k.click('[data-testid=kiosk-reason-mutasi]')),
      `REG-${year}-00002`,
    );
    await nextApplicant(k);
  });

  it("takes a renewal and a data change, each with its service's own part", async () => {
    // A renewal needs the applicant's statement that the data is unchanged.
    await k.click('[data-testid=kiosk-service-pembaruan]');
    await k.click('[data-testid=kiosk-agree]');
    for (const [field, value] of Object.entries(eka)) if (value) await k.type(`#k-${field}`, value);
    await k.click('[data-testid=kiosk-send]');
    assert.match(await k.waitForText('[data-testid=kiosk-data-ok-error]', (t) => t.length > 0), /tidak berubah/);
    await k.click('[data-testid=kiosk-data-ok]');
    await k.click('[data-testid=kiosk-send]');
    assert.equal(await k.waitForText('[data-testid=kiosk-nomor]', (t) => t.startsWith('REG-')), `REG-${year}-00003`);
    await nextApplicant(k);
    // A data change: only what changes, and why.
    await k.click('[data-testid=kiosk-service-perubahan_data]');
    await k.click('[data-testid=kiosk-agree]');
    for (const [field, value] of Object.entries(dewi)) if (value) await k.type(`#k-${field}`, value);
    await k.click('[data-testid=kiosk-send]');
    assert.match(await k.waitForText('[data-testid=kiosk-change-error]', (t) => t.length > 0), /paling sedikit satu/);
    assert.match(await k.textOf('[data-testid=k-alasan-error]'), /alasan/);
    await k.type('#kb-jabatan', 'Kepala Seksi Persandian');
    await k.type('#k-alasan', 'Promosi jabatan.');
    await k.checkA11y('kiosk perubahan data');
    await k.screenshot(join(SHOTS, 'kiosk-perubahan-data.png'));
    await k.click('[data-testid=kiosk-send]');
    assert.equal(await k.waitForText('[data-testid=kiosk-nomor]', (t) => t.startsWith('REG-')), `REG-${year}-00004`);
    await nextApplicant(k);
  });

  it('keeps the form when its session is lost and asks for staff over it', async () => {
    await k.click('[data-testid=kiosk-service-penerbitan]');
    await k.click('[data-testid=kiosk-agree]');
    for (const [field, value] of Object.entries(wayan)) if (value) await k.type(`#k-${field}`, value);
    // The kiosk's session ends (the desk reset the account, or a script).
    await k.executeAsync(`
      const done = arguments[arguments.length - 1];
      window.__TAURI_INTERNALS__.invoke('sign_out').then(() => done(null), (e) => done(String(e)));`);
    await k.click('[data-testid=kiosk-send]');
    await k.waitFor('[data-testid=kiosk-session-lost]');
    assert.equal(await k.execute("return document.querySelector('#k-nama').value;"), wayan.nama, 'the form is still there');
    await k.screenshot(join(SHOTS, 'kiosk-panggil-petugas.png'));
    await k.type('[data-testid=kiosk-session-lost] #si-username', KIOSK.username);
    await k.type('[data-testid=kiosk-session-lost] #si-password', KIOSK.password);
    await k.click('[data-testid=kiosk-session-lost] [data-testid=sign-in-submit]');
    await k.waitGone('[data-testid=kiosk-session-lost]');
    await k.click('[data-testid=kiosk-send]');
    assert.equal(await k.waitForText('[data-testid=kiosk-nomor]', (t) => t.startsWith('REG-')), `REG-${year}-00005`);
    await nextApplicant(k);
  });

  it('tells the stage by registration number and the last four NIK digits, nothing personal', async () => {
    await k.click('[data-testid=kiosk-status-open]');
    await k.waitFor('[data-testid=kiosk-status]');
    await k.setValue('#ks-nomor', `REG-${year}-00001`);
    for (const d of '9999') await k.click(`[data-testid=key-${d}]`);
    await k.click('[data-testid=kiosk-status-ask]');
    assert.match(await k.waitForText('[data-testid=ks-nik-error]', (t) => t.length > 0), /tidak cocok/);
    await k.click('[data-testid=key-clear]');
    for (const d of budi.nik.slice(-4)) await k.click(`[data-testid=key-${d}]`);
    await k.click('[data-testid=kiosk-status-ask]');
    assert.equal(await k.waitForText('[data-testid=kiosk-status-tahap]', (t) => t.length > 0), 'Menunggu petugas');
    const shown = await k.textOf('[data-testid=kiosk-status-answer]');
    for (const personal of [budi.nama, budi.nik, budi.email]) assert.ok(!shown.includes(personal), shown);
    await k.checkA11y('kiosk cek status');
    await k.screenshot(join(SHOTS, 'kiosk-cek-status.png'));
    await k.click('[data-testid=kiosk-status-done]');
    await k.waitFor('[data-testid=kiosk-welcome]');
  });

  it('types numbers with its own keypad into the field being filled', async () => {
    await k.click('[data-testid=kiosk-service-penerbitan]');
    await k.click('[data-testid=kiosk-agree]');
    assert.equal((await k.findAll('[data-testid=keypad]')).length, 0, 'no keypad for a name');
    await k.click('#k-nip');
    await k.waitFor('[data-testid=keypad]');
    await k.checkA11y('kiosk tombol angka');
    await k.screenshot(join(SHOTS, 'kiosk-tombol-angka.png'));
    for (const key of ['1', '9', '8', 'back', '6']) await k.click(`[data-testid=key-${key}]`);
    assert.equal(await k.execute("return document.querySelector('#k-nip').value;"), '196');
    await k.click('[data-testid=key-clear]');
    assert.equal(await k.execute("return document.querySelector('#k-nip').value;"), '');
    await nextApplicant(k, '[data-testid=kiosk-cancel]');
  });

  it('starts every applicant on a fresh page, its engine set to collect discarded pages', async () => {
    await k.execute('window.lastApplicantMark = 1; return null;');
    await k.click('[data-testid=kiosk-service-pembaruan]');
    await k.click('[data-testid=kiosk-agree]');
    await k.type('#k-nama', 'Nama Sebelumnya');
    await k.click('[data-testid=kiosk-cancel]');
    await k.waitFor('[data-testid=kiosk-welcome]');
    assert.equal(await k.execute('return window.lastApplicantMark ?? null;'), null, 'Batal loaded a new page');
    // WebKit's web process of this app (below the driver) runs with the
    // generational collector off, as the kiosk set it (on Linux).
    const parents = new Map();
    for (const pid of (await readdir('/proc')).filter((p) => /^\d+$/.test(p))) {
      const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
      if (stat) parents.set(Number(pid), { ppid: Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]), comm: stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')) });
    }
    const below = (pid) => { for (let p = pid; p > 1; p = parents.get(p)?.ppid ?? 0) if (p === driver.pid) return true; return false; };
    const web = [...parents].filter(([pid, { comm }]) => comm.startsWith('WebKitWebProces') && below(pid));
    assert.ok(web.length > 0, 'the kiosk has a WebKit web process');
    for (const [pid] of web) {
      const environ = (await readFile(`/proc/${pid}/environ`, 'utf8')).split('\0');
      assert.ok(environ.includes('JSC_useGenerationalGC=0'), `web process ${pid} runs with the kiosk's engine setting`);
    }
  });

  it('returns to the start after the idle time, with a countdown, and forgets what was typed', async () => {
    await k.click('[data-testid=kiosk-service-perubahan_data]');
    await k.click('[data-testid=kiosk-agree]');
    await k.type('#k-nama', 'Nama Yang Ditinggal');
    // 15 seconds untouched: the countdown shows; a touch keeps the form.
    const text = await k.waitForText('[data-testid=kiosk-countdown]', (t) => /detik/.test(t), 25_000);
    assert.match(text, /Kembali ke awal dalam \d+ detik/);
    await k.screenshot(join(SHOTS, 'kiosk-hitung-mundur.png'));
    await k.click('[data-testid=kiosk-countdown] button');
    await k.waitGone('[data-testid=kiosk-countdown]');
    assert.equal(await k.execute("return document.querySelector('#k-nama').value;"), 'Nama Yang Ditinggal');
    // Left alone: back to the welcome screen, and the name is gone from the page.
    await k.waitFor('[data-testid=kiosk-welcome]', 40_000);
    assert.ok(!(await k.source()).includes('Nama Yang Ditinggal'), 'the typed name is gone');
    await k.click('[data-testid=kiosk-service-perubahan_data]');
    assert.equal(await k.execute("return document.querySelector('#k-nama').value;"), '');
    await nextApplicant(k, '[data-testid=kiosk-cancel]');
  });

  it('refuses to close when asked the way a window manager asks (close button, Alt+F4)', async () => {
    // The same request closes the staff window (the last test); the kiosk's stays.
    assert.equal(await askToClose('Kiosk Pemohon'), 1, 'the request reached the kiosk window');
    await new Promise((r) => setTimeout(r, 1500));
    assert.match(await kioskWindow(), /_NET_WM_STATE_FULLSCREEN/, 'the kiosk window is still there');
    await k.waitFor('[data-testid=kiosk-welcome]');
  });

  it('reaches nothing else: no other page, no staff command by name', async () => {
    await k.execute("location.href = 'https://example.org/'; return null;");
    await new Promise((r) => setTimeout(r, 1000));
    const href = await k.execute('return location.href;');
    assert.match(href, /#kiosk$/, `the kiosk stays on its page: ${href}`);
    await k.waitFor('[data-testid=kiosk-welcome]');
    // A staff command invoked through the IPC bridge by name is refused by
    // the kiosk window's capability before it reaches Loket.
    const answer = await k.executeAsync(`
      const done = arguments[arguments.length - 1];
      window.__TAURI_INTERNALS__.invoke('list_cases', { query: {} })
        .then((v) => done({ ok: v }), (e) => done({ err: String(e?.message ?? e) }));`);
    assert.ok(answer.err, `list_cases must be refused at the kiosk: ${JSON.stringify(answer)}`);
    assert.ok(!JSON.stringify(answer).includes('Budi'));
  });

  it('keeps no name or NIK of a submission in clear text in the database', async () => {
    for (const name of await readdir(dir)) {
      const bytes = await readFile(join(dir, name));
      for (const clear of [budi.nik, budi.nama, ayu.nik, eka.nik, dewi.nama]) {
        assert.ok(!bytes.includes(Buffer.from(clear)), `${name} holds ${clear} in clear`);
      }
    }
  });

  it('closes only for staff, with their own password (or the kiosk account\'s), slowing guesses without locking anyone out', async () => {
    await k.click('[data-testid=kiosk-staff]');
    await k.waitFor('[data-testid=kiosk-leave]');
    const answer = async (n) => {
      await k.click('[data-testid=kiosk-leave-confirm]');
      await k.waitFor(`[data-testid=kiosk-leave][data-answers="${n}"]`);
      return k.textOf('[data-testid=kl-password-error]');
    };
    // The kiosk account with the admin's password, the admin's wrong one, a
    // name nobody has: one answer for all three. (At a kiosk PC the kiosk
    // account's own password, which staff hold, would close it.)
    await k.type('#kl-username', KIOSK.username);
    await k.type('#kl-password', ADMIN.password);
    const kioskAccount = await answer(1);
    await k.setValue('#kl-username', ADMIN.username);
    await k.setValue('#kl-password', 'bukan-sandi-admin');
    const wrong = await answer(2);
    await k.setValue('#kl-username', 'petugas-khayalan');
    await k.setValue('#kl-password', 'bukan-sandi-admin');
    const nobody = await answer(3);
    assert.match(wrong, /salah/);
    assert.equal(kioskAccount, wrong);
    assert.equal(nobody, wrong);
    // The fourth try right away waits: the kiosk slows itself, it locks no account.
    await k.setValue('#kl-username', ADMIN.username);
    await k.setValue('#kl-password', 'bukan-sandi-admin');
    assert.match(await answer(4), /Tunggu \d+ detik/);
    await k.checkA11y('kiosk tutup');
    await k.screenshot(join(SHOTS, 'kiosk-tutup.png'));
    assert.match(await kioskWindow(), /_NET_WM_STATE_FULLSCREEN/, 'still open after the refusals');
    await new Promise((r) => setTimeout(r, 2500));
    await k.setValue('#kl-password', ADMIN.password);
    await k.click('[data-testid=kiosk-leave-confirm]');
    const deadline = Date.now() + 20_000;
    for (;;) {
      const tree = await windowTree();
      if (!tree.includes('Kiosk Pemohon')) break;
      assert.ok(Date.now() < deadline, 'the kiosk closes for a staff password');
      await new Promise((r) => setTimeout(r, 200));
    }
  });

  it('lets the desk accept one under the receipt number and discard the other with a reason', async () => {
    await k.close().catch(() => {});
    k = null;
    // This PC was paired as a kiosk: plain `loket` says so instead of
    // opening a desk, until it is unpaired.
    s = await Session.start(driver.base, APP);
    await s.waitForText('[data-testid=not-ready]', (t) => t.includes('loket --kiosk') && t.includes('unpair-kiosk'));
    await s.close();
    await run(APP, ['unpair-kiosk'], { env });
    s = await Session.start(driver.base, APP);
    await signIn(s, ADMIN.username, ADMIN.password);
    // The admin signs in at the desk: the guesses at the kiosk counted against no one.
    await s.waitForText('[data-testid=inbox-count]', (t) => t === '5');
    await s.click('[data-testid=nav-inbox]');
    await s.waitFor('[data-testid=inbox-row]');
    await s.checkA11y('masuk dari kiosk');
    await s.screenshot(join(SHOTS, 'kiosk-kotak-masuk.png'));
    const rows = await s.textsOf('[data-testid=inbox-row] td:first-child');
    assert.deepEqual(rows.sort(), [1, 2, 3, 4, 5].map((n) => `REG-${year}-0000${n}`));
    assert.ok(!(await s.source()).includes(budi.nama), 'the list shows no personal data');

    // Ayu's pencabutan, with the reason she chose. Discarding needs a reason.
    await openInbox(s, `REG-${year}-00002`);
    assert.equal(await s.waitForText('[data-testid=inbox-nama]', (t) => t.length > 1), ayu.nama);
    assert.match(await s.textOf('[data-testid=inbox-part]'), /Mutasi/i);
    await s.click('[data-testid=inbox-discard]');
    await s.click('[data-testid=inbox-discard-confirm]');
    await s.waitForText('[data-testid=inbox-opened] .msg.error', (t) => /alasan/i.test(t));
    await s.setValue('#inbox-reason', 'Belum memegang sertifikat; diarahkan ke penerbitan.');
    await s.click('[data-testid=inbox-discard-confirm]');
    await s.waitGone('[data-testid=inbox-opened]');

    // Eka's renewal: nobody of that NIK holds a certificate on record, so it
    // cannot be accepted; it stays waiting, and nothing is saved.
    await openInbox(s, `REG-${year}-00003`);
    await s.waitFor('[data-testid=inbox-certificates] .msg.warning');
    await s.click('[data-testid=inbox-accept]');
    await s.waitForText('[data-testid=inbox-opened] .msg.error', (t) => /sertifikat/i.test(t));
    await s.click('[data-testid=inbox-opened] .actions button');

    // Dewi's data change becomes a case with the new value she typed.
    await openInbox(s, `REG-${year}-00004`);
    assert.match(await s.textOf('[data-testid=inbox-part]'), /Kepala Seksi Persandian/);
    await s.screenshot(join(SHOTS, 'kiosk-kotak-masuk-buka.png'));
    await s.click('[data-testid=inbox-accept]');
    assert.equal(await s.waitForText('[data-testid=case-nomor]', (t) => t.startsWith('REG-')), `REG-${year}-00004`);
    await s.click('[data-testid=nav-inbox]');

    // Budi's penerbitan becomes a case under the number on his receipt.
    await openInbox(s, `REG-${year}-00001`);
    assert.equal(await s.waitForText('[data-testid=inbox-nama]', (t) => t.length > 1), budi.nama);
    await s.click('[data-testid=inbox-accept]');
    assert.equal(await s.waitForText('[data-testid=case-nomor]', (t) => t.startsWith('REG-')), `REG-${year}-00001`);
    assert.equal(await s.textOf('[data-testid=case-nama]'), budi.nama);
    await s.click('[data-testid=nav-inbox]');
    await s.waitFor('[data-testid=inbox-row]');
    assert.deepEqual(
      (await s.textsOf('[data-testid=inbox-row] td:first-child')).sort(),
      [`REG-${year}-00003`, `REG-${year}-00005`],
      'the renewal waits, and the application sent after the lost session',
    );

    // A row that does not open (written into the file by someone who is not
    // a kiosk): the desk says so and still lets staff discard it.
    const junk = `REG-${year}-00099`;
    await run('sqlite3', [
      join(dir, 'loket.sqlite3'),
      `insert into kiosk_inbox (nomor, layanan, kiosk, received_at, sealed, status) select '${junk}', layanan, kiosk, received_at, X'DEADBEEF', 'baru' from kiosk_inbox where nomor = 'REG-${year}-00003'`,
    ]);
    await s.click('[data-testid=nav-list]');
    await s.click('[data-testid=nav-inbox]');
    await openInbox(s, junk, '[data-testid=inbox-unreadable]');
    await s.setValue('#inbox-reason-unreadable', 'Kiriman rusak, tidak dapat dibuka.');
    await s.click('[data-testid=inbox-unreadable-discard]');
    await s.waitGone('[data-testid=inbox-unreadable]');
    assert.deepEqual(
      (await s.textsOf('[data-testid=inbox-row] td:first-child')).sort(),
      [`REG-${year}-00003`, `REG-${year}-00005`],
      'the unreadable row discarded',
    );

    // The receipt's number, as a scanner types it into the search box, opens the case.
    await s.click('[data-testid=nav-list]');
    await s.waitFor('#search');
    await s.type('#search', `reg-${year}-00001\uE007`);
    assert.equal(await s.waitForText('[data-testid=case-nomor]', (t) => t.startsWith('REG-')), `REG-${year}-00001`);

    // The control for the kiosk's refusal: the same request closes the staff
    // window. (A window of an earlier test's app may still be on the display
    // while it exits, so the count of staff windows must drop, not reach zero.)
    const staffWindows = async () =>
      (await windowTree()).split('\n').filter((l) => l.includes('"Loket Sertifikat Elektronik"'));
    const before = (await staffWindows()).length;
    assert.ok(before >= 1, 'the staff window is on the display');
    const asked = await askToClose('Loket Sertifikat Elektronik');
    const deadline = Date.now() + 30_000;
    for (;;) {
      const left = await staffWindows();
      if (left.length < before) break;
      assert.ok(Date.now() < deadline, `the staff window closes when asked (${asked} asked); still open:\n${left.join('\n')}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  });
});
