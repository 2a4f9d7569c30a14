// End-to-end: applicants hear from the desk by e-mail through the real app
// and a real SMTP server on loopback (aiosmtpd). The admin's settings refuse
// a bad sender address next to the field and save nothing; "Kirim uji"
// shows the server's answer; a walk-in's receipt reaches the server by the
// app's background sender and the case page shows it sent; an address the
// server refuses is failed with the server's answer on the outbox screen;
// a certificate's end date corrected withdraws the expiry notice queued for
// the old date and the next pass queues the one for the new date; a
// complaint's written answer reaches the complainant the same way.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { mkdtemp, mkdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { setTimeout as sleep } from 'node:timers/promises';
import { Session, firstRun, startDriver } from './webdriver.mjs';
import { inDays, intake, person, step, tickRequired } from './desk.mjs';

const APP = process.env.LOKET_APP;
assert.ok(APP, 'LOKET_APP must name the built app binary (make test sets it)');
const SHOTS = join(process.cwd(), 'target', 'e2e');
const PYTHON = join(process.cwd(), 'target', 'pytools', 'bin', 'python');
const run = promisify(execFile);

/** A free port on loopback. */
const freePort = () =>
  new Promise((resolve) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });

/** The messages the test server accepted: recipients and the raw text. */
async function received(file) {
  const text = await readFile(file, 'utf8').catch(() => '');
  return text
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l))
    .map((m) => ({ rcpt: m.rcpt_tos, raw: Buffer.from(m.data, 'base64').toString('utf8') }));
}

describe('e-mail to applicants through the real app and a real SMTP server', () => {
  let driver;
  let s;
  let dir;
  let db;
  let smtp;
  let port;
  let out;

  const sql = async (q) => (await run('sqlite3', [db, q])).stdout.trim();

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'loket-e2e-mail-'));
    db = join(dir, 'loket.sqlite3');
    out = join(dir, 'smtp.jsonl');
    port = await freePort();
    await mkdir(SHOTS, { recursive: true });
    smtp = spawn(PYTHON, ['tests/smtp/server.py', '--port', String(port), '--out', out], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    await new Promise((resolve, reject) => {
      smtp.stdout.once('data', (d) => (String(d).startsWith('SIAP') ? resolve() : reject(new Error(String(d)))));
      smtp.once('exit', (code) => reject(new Error(`SMTP server exited: ${code}`)));
    });
    driver = await startDriver({ LOKET_DATABASE_URL: `sqlite:${db}?mode=rwc` });
    s = await Session.start(driver.base, APP);
    await firstRun(s);
    await s.waitFor('[data-testid=dashboard]');
  });

  after(async () => {
    await s?.close();
    driver?.stop();
    smtp?.kill();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('refuses a bad sender address next to its field and saves nothing', async () => {
    await s.click('[data-testid=nav-mail]');
    await s.waitFor('[data-testid=mail-settings]');
    await s.click('[data-testid=mail-aktif]');
    await s.type('#mail-host', '127.0.0.1');
    await s.type('#mail-port', String(port));
    await s.setValue('#mail-keamanan', 'polos');
    await s.type('#mail-sender', 'bukan alamat');
    await s.click('[data-testid=mail-save]');
    assert.match(await s.waitForText('[data-testid=mail-sender-error]', (t) => t.length > 0), /tidak sah/);
    assert.equal(await sql("select count(*) from settings where key = 'surel'"), '0');
    await s.checkA11y('pengaturan surel');
  });

  it('saves the settings and "Kirim uji" shows the server\'s answer', async () => {
    await s.type('#mail-sender', 'layanan@denpasarkota.go.id');
    await s.click('[data-testid=mail-save]');
    await s.waitFor('[data-testid=mail-saved]');
    assert.equal(await sql("select count(*) from settings where key = 'surel'"), '1');
    await s.type('#mail-test-to', 'admin@denpasarkota.go.id');
    await s.click('[data-testid=mail-test]');
    assert.match(await s.waitForText('[data-testid=mail-test-answer]', (t) => t.length > 0), /250/);
    const got = await received(out);
    assert.equal(got.length, 1);
    assert.deepEqual(got[0].rcpt, ['admin@denpasarkota.go.id']);
    await s.screenshot(join(SHOTS, 'mail-settings.png'));
  });

  it('refuses a template with a placeholder its message does not fill, next to the field', async () => {
    await s.type('#tpl-diterima-subjek', 'Permohonan {nomor} untuk NIK {nik}');
    await s.click('[data-testid=mail-templates-save]');
    assert.match(await s.waitForText('[data-testid=tpl-diterima-subjek-error]', (t) => t.length > 0), /\{nik\}/);
    assert.equal(await sql("select count(*) from settings where key = 'surel_templat'"), '0');
    await s.click('[data-testid=nav-home]');
  });

  it('sends the receipt of a walk-in in the background and the case page shows it sent', async () => {
    const nomor = await intake(s, person('21', 'Putu Surel', '196711101992031021'));
    await s.waitFor('[data-testid=case-mail]');
    // The background sender runs every 10 seconds.
    const deadline = Date.now() + 45_000;
    let got = [];
    while (Date.now() < deadline) {
      got = (await received(out)).filter((m) => m.raw.includes(nomor));
      if (got.length > 0) break;
      await sleep(500);
    }
    assert.equal(got.length, 1, 'the receipt message arrived once');
    assert.deepEqual(got[0].rcpt, ['p21@denpasarkota.go.id']);
    assert.match(got[0].raw, /application\/pdf/);
    // The page reads it again: sent, with the server's answer.
    await s.click('[data-testid=nav-outbox]');
    await s.waitFor('[data-testid=outbox-sent]');
    assert.match(await s.textOf('[data-testid=outbox-sent]'), /250/);
    await s.screenshot(join(SHOTS, 'outbox.png'));
  });

  it('shows a refused address as failed with the server\'s answer, waiting for staff', async () => {
    const p = person('22', 'Kadek Ditolak', '196711101992031022');
    p.email = 'kadek@ditolak.test';
    await intake(s, p);
    const deadline = Date.now() + 45_000;
    while (Date.now() < deadline) {
      if ((await sql("select count(*) from outbox where status = 'gagal'")) === '1') break;
      await sleep(500);
    }
    await s.click('[data-testid=nav-home]');
    await s.click('[data-testid=nav-outbox]');
    assert.match(await s.waitForText('[data-testid=outbox-failed]', (t) => t.includes('550')), /kadek@ditolak\.test/);
    assert.equal((await received(out)).filter((m) => m.rcpt.includes('kadek@ditolak.test')).length, 0);
    await s.checkA11y('kotak keluar');
  });

  it('sends a complaint\'s written answer to the complainant through the outbox', async () => {
    await s.click('[data-testid=nav-complaints]');
    await s.click('[data-testid=cmp-new]');
    await s.setValue('[data-testid=cmp-kanal]', 'surel');
    await s.setValue('[data-testid=cmp-kategori]', 'normatif');
    await s.type('#cmp-nama', 'Komang Pengadu');
    await s.type('#cmp-kontak', 'komang@pengadu.test');
    await s.type('[data-testid=cmp-isi]', 'Sertifikat saya belum terbit.');
    await s.click('[data-testid=cmp-save]');
    await s.waitFor('[data-testid=cmp-answer-form]');
    await s.type('[data-testid=cmp-jawaban]', 'Permohonan Anda menunggu verifikasi BSrE.\nKami kabari bila terbit.');
    await s.click('[data-testid=cmp-cara-surel]');
    await s.click('[data-testid=cmp-answer-send]');
    await s.click('[data-testid=cmp-confirm]');
    assert.match(await s.waitForText('[data-testid=cmp-answer]', (t) => t.length > 0), /verifikasi BSrE/);
    const deadline = Date.now() + 45_000;
    let got = [];
    while (Date.now() < deadline) {
      got = (await received(out)).filter((m) => m.rcpt.includes('komang@pengadu.test'));
      if (got.length > 0) break;
      await sleep(500);
    }
    assert.equal(got.length, 1, 'the answer arrived once');
    assert.match(got[0].raw, /Jawaban atas pengaduan nomor ADU-\d{4}-0001/);
    assert.equal(await sql("select jawaban_cara from complaints"), 'surel');
    assert.equal(await sql("select count(*) from audit_log where action = 'complaint.answer'"), '1');
  });

  it('moves a certificate\'s expiry notice when its end date is corrected', async () => {
    // The server is gone: what is queued stays queued, and can be read.
    smtp.kill();
    const oldEnd = inDays(20);
    const newEnd = inDays(6);
    await intake(s, person('23', 'Wayan Kedaluwarsa', '196711101992031023'));
    await tickRequired(s, ['surat_permohonan', 'ktp']);
    await step(s, 'berkas_lengkap');
    await step(s, 'terbitkan_rekomendasi');
    await step(s, 'ajukan_ams', { '#act-first': 'AMS/2026/2301' });
    await step(s, 'tunggu_bsre');
    await step(s, 'selesai', { '#act-first': inDays(-710), '#act-to': oldEnd, '#act-serial': 'SN-E2E-2301' });
    const notices = (kind, state) =>
      sql(`select count(*) from outbox where peristiwa = '${kind}' and status = '${state}' and certificate_id is not null`);
    // The background pass queues the 30-day notice for the recorded end.
    let deadline = Date.now() + 45_000;
    while (Date.now() < deadline && (await notices('kedaluwarsa_h30', 'menunggu')) !== '1') await sleep(500);
    assert.equal(await notices('kedaluwarsa_h30', 'menunggu'), '1', 'the 30-day notice waits to be sent');
    assert.ok((await sql("select isi from outbox where peristiwa = 'kedaluwarsa_h30'")).includes(oldEnd), 'it names the recorded end');
    // BSrE's e-mail said six days from today: the end date is corrected.
    const v = await s.execute(
      `return [...document.querySelectorAll('#fix-what option')].map((o) => o.value).find((v) => v.endsWith(':valid_to'));`,
    );
    await s.setValue('#fix-what', v);
    await s.type('#fix-baru', newEnd);
    await s.type('#fix-reason', 'Tanggal berakhir salah ketik dari surel BSrE.');
    await s.click('[data-testid=fix-check]');
    await s.click('[data-testid=fix-save]');
    await s.waitForText('[data-testid=fix-saved]', (t) => t.length > 0);
    assert.equal(await notices('kedaluwarsa_h30', 'ditarik'), '1', 'the notice for the old date is withdrawn, not sent');
    // The next pass queues the 7-day notice for the corrected end.
    deadline = Date.now() + 45_000;
    while (Date.now() < deadline && (await notices('kedaluwarsa_h7', 'menunggu')) !== '1') await sleep(500);
    assert.equal(await notices('kedaluwarsa_h7', 'menunggu'), '1', 'the notice for the new date is queued');
    assert.ok((await sql("select isi from outbox where peristiwa = 'kedaluwarsa_h7'")).includes(newEnd), 'it names the corrected end');
    assert.equal(await notices('kedaluwarsa_h30', 'menunggu'), '0', 'nothing left for the old date');
  });

  it('sets when holders are told of the end, refusing a first notice after the second next to its field', async () => {
    await s.click('[data-testid=nav-mail]');
    await s.waitFor('[data-testid=expiry-days]');
    await s.type('#expiry-first', '7');
    await s.type('#expiry-second', '30');
    await s.click('[data-testid=expiry-days-save]');
    assert.match(await s.waitForText('[data-testid=expiry-first-error]', (t) => t.length > 0), /lebih awal/);
    assert.equal(await sql("select count(*) from settings where key = 'kedaluwarsa_pemberitahuan'"), '0', 'nothing saved');
    await s.type('#expiry-first', '60');
    await s.type('#expiry-second', '14');
    await s.click('[data-testid=expiry-days-save]');
    await s.waitFor('[data-testid=expiry-days-saved]');
    assert.equal(await sql("select value from settings where key = 'kedaluwarsa_pemberitahuan'"), '{"pertama":60,"kedua":14}');
  });
});
