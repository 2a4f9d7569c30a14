// End-to-end: the real Loket binary in WebKit under Xvfb, driven through
// tauri-driver. It does the first slice the way a desk operator would: a bad
// NIK is refused next to its field, a valid applicant and case are saved, the
// list masks the NIK, and search finds the case by name, NIK and NIP.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, mkdir, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { ADMIN, Session, firstRun, startDriver } from './webdriver.mjs';

const run = promisify(execFile);

const APP = process.env.LOKET_APP;
assert.ok(APP, 'LOKET_APP must name the built app binary (make test sets it)');
const SHOTS = join(process.cwd(), 'target', 'e2e');

const NIK = '5171011011670001';
const valid = {
  nama: 'I Made Budi Santoso',
  nik: '5171 0110 1167 0001',
  nik_ulang: '5171011011670001',
  nip: '19671110 199203 1 001',
  email: 'budi@denpasarkota.go.id',
  telepon: '0812-3456-7890',
  jabatan: 'Analis Persandian',
  unit_kerja: 'Bidang Persandian',
  instansi: 'Dinas Kominfo dan Statistik',
};

async function fill(s, data, { told = true } = {}) {
  for (const [field, value] of Object.entries(data)) await s.type(`#f-${field}`, value);
  if (told) await s.tick('[data-testid=privacy-given]');
}

async function search(s, q) {
  await s.type('#search', q);
  await s.click('[data-testid=search-submit]');
}

describe('penerbitan intake through the real app', () => {
  let driver;
  let s;
  let dir;

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'loket-e2e-'));
    await mkdir(SHOTS, { recursive: true });
    driver = await startDriver({ LOKET_DATABASE_URL: `sqlite:${dir}/loket.sqlite3?mode=rwc` });
    s = await Session.start(driver.base, APP);
    // This office chooses its two deadline rules as it starts.
    await firstRun(s, ADMIN, { rules: { bsre: 'tidak', akhir: 'jam_layanan' } });
  });

  after(async () => {
    await s?.close();
    driver?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('opens on the dashboard, then an empty case list, in a window titled for the desk', async () => {
    await s.waitFor('[data-testid=dashboard]');
    assert.equal(await s.textOf('[data-testid=dash-terlambat-n]'), '0');
    assert.ok(
      !(await s.textsOf('[data-testid=dash-warning]')).some((w) => w.startsWith('Aturan tenggat')),
      'the rules chosen at first run: the dashboard does not ask',
    );
    await s.click('[data-testid=nav-list]');
    await s.waitFor('[data-testid=cases-empty]');
    assert.equal(await s.title(), 'Loket Sertifikat Elektronik');
  });

  it('refuses a NIK with birth day 72 next to the field and saves nothing', async () => {
    await s.click('[data-testid=nav-new]');
    await fill(s, { ...valid, nik: '5171017208900001', nik_ulang: '5171017208900001' }, { told: false });
    await s.click('[data-testid=save]');
    const msg = await s.waitForText('[data-testid=f-nik-error]', (t) => t.length > 0);
    assert.match(msg, /41-71/, 'the message says which days are allowed');
    // The privacy notice not given is named at the same time, beside its box.
    assert.match(await s.textOf('[data-testid=privacy-given-error]'), /pemberitahuan privasi/);
    assert.match(await s.textOf('[data-testid=form-error]'), /tidak ada yang disimpan/);
    await s.screenshot(join(SHOTS, 'nik-ditolak.png'));
    // Leaving the form with input asks first; then the list is still empty.
    await s.click('[data-testid=nav-list]');
    await s.waitFor('[data-testid=confirm-leave]');
    await s.click('[data-testid=confirm-leave] button.danger');
    await s.waitFor('[data-testid=cases-empty]');
  });

  it('refuses a NIK typed twice differently', async () => {
    await s.click('[data-testid=nav-new]');
    await fill(s, { ...valid, nik_ulang: '5171011011670002' });
    await s.click('[data-testid=save]');
    await s.waitForText('[data-testid=f-nik_ulang-error]', (t) => /tidak sama/.test(t));
  });

  it('saves a valid applicant with a penerbitan case and shows its history', async () => {
    await s.type('#f-nik_ulang', valid.nik_ulang);
    await s.click('[data-testid=save]');
    const year = new Date().getFullYear();
    const nomor = await s.waitForText('[data-testid=case-nomor]', (t) => t.startsWith('REG-'));
    assert.equal(nomor, `REG-${year}-00001`);
    assert.equal(await s.textOf('[data-testid=case-status]'), 'Diterima');
    assert.equal(await s.textOf('[data-testid=case-nama]'), valid.nama);
    const history = await s.textsOf('[data-testid=case-history] tbody tr');
    assert.equal(history.length, 1, 'one step: received');
    assert.match(await s.textOf('[data-testid=flash]'), /tersimpan/);
  });

  it('lists the case with the NIK masked and never shows the full NIK', async () => {
    await s.click('[data-testid=nav-list]');
    await s.waitFor('[data-testid=case-row]');
    assert.deepEqual(await s.textsOf('[data-testid=nik-masked]'), ['************0001']);
    assert.ok(!(await s.source()).includes(NIK), 'the page must not contain the NIK in clear');
    await s.screenshot(join(SHOTS, 'daftar-permohonan.png'));
  });

  it('finds the case by name prefix, NIK and NIP, and not by another NIK', async () => {
    const rows = () => s.textsOf('[data-testid=case-row] td:nth-child(2)');
    await search(s, 'i made');
    await s.waitForText('[data-testid=search-kind]', (t) => /awal nama/.test(t));
    await s.waitFor('[data-testid=case-row]');
    assert.deepEqual(await rows(), [valid.nama]);

    await search(s, '5171.0110.1167.0001');
    await s.waitForText('[data-testid=search-kind]', (t) => /NIK/.test(t));
    await s.waitFor('[data-testid=case-row]');
    assert.deepEqual(await rows(), [valid.nama]);

    await search(s, '5171011011670009');
    await s.waitFor('[data-testid=cases-empty]');

    await search(s, '196711101992031001');
    await s.waitFor('[data-testid=case-row]');
    assert.deepEqual(await rows(), [valid.nama]);

    await search(s, 'budi');
    await s.waitFor('[data-testid=cases-empty]');
  });

  it("shows the new case in the desk's queue and filters by instansi", async () => {
    await s.click('[data-testid=nav-queue]');
    await s.waitFor('[data-testid=case-row]');
    await s.checkA11y('antrian saya');
    assert.deepEqual(await s.textsOf('[data-testid=case-row] td:nth-child(2)'), [valid.nama]);
    await s.click('[data-testid=nav-list]');
    await s.waitFor('[data-testid=case-row]');
    await s.setValue('[data-testid=filter-instansi]', valid.instansi);
    await s.waitFor('[data-testid=case-row]');
    assert.deepEqual(await s.textsOf('[data-testid=case-row] td:nth-child(2)'), [valid.nama]);
  });

  it('keeps no NIK in clear text in the database files', async () => {
    await s.close();
    s = null;
    for (const name of await readdir(dir)) {
      const bytes = await readFile(join(dir, name));
      assert.ok(!bytes.includes(Buffer.from(NIK)), `${name} contains the NIK in clear`);
    }
  });
});

describe('start-up without a usable keyring', () => {
  it('says plainly that the keyring is unavailable and offers no screens', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'loket-e2e-nokey-'));
    const driver = await startDriver({
      LOKET_DATABASE_URL: `sqlite:${dir}/loket.sqlite3?mode=rwc`,
      DBUS_SESSION_BUS_ADDRESS: `unix:path=${dir}/no-such-bus`,
    });
    let s;
    try {
      s = await Session.start(driver.base, APP);
      const text = await s.waitForText('[data-testid=not-ready]', (t) => t.length > 0);
      assert.match(text, /Keyring sistem operasi tidak dapat digunakan/);
      assert.equal((await s.findAll('[data-testid=nav-new]')).length, 0, 'no intake without the data key');
      await s.checkA11y('keyring tidak tersedia');
    } finally {
      await s?.close();
      driver.stop();
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('says the keyring is locked when it does not answer, instead of hanging', async () => {
    // A private D-Bus session with its own gnome-keyring: Loket creates its
    // key, then the keyring is locked and Loket starts again.
    const dir = await mkdtemp(join(tmpdir(), 'loket-e2e-locked-'));
    const script = `
      set -e
      printf %s kunci | gnome-keyring-daemon --unlock --components=secrets --daemonize >/dev/null
      "$LOKET_APP" check
      dbus-send --session --dest=org.freedesktop.secrets --print-reply /org/freedesktop/secrets \
        org.freedesktop.Secret.Service.Lock array:objpath:/org/freedesktop/secrets/collection/login >/dev/null
      LOKET_KEYRING_TIMEOUT_SECS=3 "$LOKET_APP" check || echo "exit=$?"`;
    try {
      const { stdout, stderr } = await run('dbus-run-session', ['--', 'bash', '-c', script], {
        env: {
          ...process.env,
          LOKET_APP: APP,
          LOKET_DATABASE_URL: `sqlite:${dir}/loket.sqlite3?mode=rwc`,
          XDG_DATA_HOME: join(dir, 'data'),
        },
        timeout: 60_000,
      });
      assert.match(stdout, /Loket siap/, 'the unlocked keyring works');
      assert.match(stdout, /exit=1/, 'the locked start fails');
      assert.match(stderr, /kemungkinan keyring terkunci/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
