// End-to-end: mistakes put right at the desk. A step taken by a slip of the
// mouse taken back (refused without a reason) and the case finished again;
// a finished case refusing a take-back; a certificate's end date corrected
// with the old and new value side by side before it is saved; a correction
// of a value someone changed meanwhile refused with both values; and, with
// four-eyes on, a correction waiting, refused to its own author, and
// approved by a second verifikator.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ADMIN, freshDesk, signIn } from './webdriver.mjs';
import { inDays, intake, person, step, tickRequired } from './desk.mjs';

const APP = process.env.LOKET_APP;
assert.ok(APP, 'LOKET_APP must name the built app binary (make test sets it)');
const SHOTS = join(process.cwd(), 'target', 'e2e');
const run = promisify(execFile);

describe('mistakes put right', () => {
  let desk;
  let s;
  let nomor;
  const status = () => s.textOf('[data-testid=case-status]');
  /** Writes the database file as a colleague with sqlite3 would. */
  const write = (query) =>
    run('python3', ['-c', 'import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute(sys.argv[2]); c.commit()', desk.db, query]);
  /** Chooses the value to correct whose key ends with `suffix`. */
  async function choose(suffix) {
    await s.waitFor('[data-testid=fix-what]');
    const v = await s.execute(
      `return [...document.querySelectorAll('#fix-what option')].map((o) => o.value).find((v) => v.endsWith(arguments[0]));`,
      [suffix],
    );
    assert.ok(v, `${suffix} is offered for correction`);
    await s.setValue('#fix-what', v);
    await s.waitFor('#fix-baru');
  }
  async function openCase() {
    await s.click('[data-testid=nav-list]');
    await s.click('[data-testid=case-row] td');
    await s.waitForText('[data-testid=case-nomor]', (t) => t === nomor);
  }

  before(async () => {
    await mkdir(SHOTS, { recursive: true });
    desk = await freshDesk(APP, 'loket-e2e-amend-');
    s = desk.s;
  });

  after(async () => {
    await desk?.close();
  });

  it('takes a mistaken step back with its reason, and the case finishes again', async () => {
    nomor = await intake(s, person('31', 'Made Koreksi', '196711101992031031'));
    await tickRequired(s, ['surat_permohonan', 'ktp']);
    await step(s, 'berkas_lengkap');
    await step(s, 'terbitkan_rekomendasi');
    await step(s, 'ajukan_ams', { '#act-first': 'AMS/2026/3101' });
    // The slip: BSrE's wait chosen before the applicant's.
    await step(s, 'tunggu_bsre');
    assert.equal(await status(), 'Menunggu BSrE');
    await s.click('[data-testid=take-back]');
    await s.click('[data-testid=take-back-save]');
    assert.match(await s.waitForText('[data-testid=back-reason-error]', (t) => t.length > 0), /mengapa/);
    assert.equal(await status(), 'Menunggu BSrE', 'nothing changed without a reason');
    await s.type('#back-reason', 'Salah pilih: pemohon belum verifikasi identitas.');
    await s.screenshot(join(SHOTS, 'langkah-mundur.png'));
    await s.click('[data-testid=take-back-save]');
    await s.waitForText('[data-testid=case-status]', (t) => t !== 'Menunggu BSrE');
    assert.match(await s.textOf('[data-testid=case-history]'), /Mundur/);
    assert.match(await s.textOf('[data-testid=case-history]'), /Salah pilih/);
    await step(s, 'tunggu_pemohon');
    await step(s, 'tunggu_bsre');
    await step(s, 'selesai', { '#act-first': inDays(0), '#act-to': inDays(730), '#act-serial': 'SN-E2E-3101' });
    assert.equal(await status(), 'Selesai');
    assert.match(await s.textOf('[data-testid=take-back-blocked]'), /selesai/, 'a finished case is not taken back');
    assert.deepEqual(await s.findAll('[data-testid=take-back]'), []);
  });

  it('corrects a certificate’s end date, showing both values before it is saved', async () => {
    await choose(':valid_to');
    const lama = await s.textOf('[data-testid=fix-lama]');
    await s.type('#fix-baru', '31/02/2027');
    await s.type('#fix-reason', 'Salah ketik dari surel BSrE.');
    // "Periksa" asks the core: a day that does not exist is refused before
    // anything is shown as the new value.
    await s.click('[data-testid=fix-check]');
    assert.match(await s.waitForText('[data-testid=fix-baru-error]', (t) => t.length > 0), /tanggal tidak valid/);
    assert.deepEqual(await s.findAll('[data-testid=fix-compare]'), []);
    const wanted = inDays(365);
    await s.type('#fix-baru', wanted);
    await s.click('[data-testid=fix-check]');
    const compare = await s.textOf('[data-testid=fix-compare]');
    assert.ok(compare.includes(lama) && compare.includes(wanted), `both values side by side: ${compare}`);
    await s.screenshot(join(SHOTS, 'koreksi-nilai.png'));
    await s.click('[data-testid=fix-save]');
    assert.match(await s.waitForText('[data-testid=fix-saved]', (t) => t.length > 0), /berlaku/);
    const iso = wanted.split('/').reverse().join('-');
    assert.equal(await desk.sql('select valid_to from certificates'), iso, 'the registry holds the corrected date');
    assert.match(await s.textOf('[data-testid=case-history]'), /Koreksi/);
  });

  it('refuses a correction of a value someone changed meanwhile, with both values', async () => {
    await choose(':ams_ref');
    // A colleague's change lands while this page is open.
    await write("update cases set ams_ref = 'AMS/2026/LAIN'");
    await s.type('#fix-baru', 'AMS/2026/3102');
    await s.type('#fix-reason', 'Nomor AMS salah ketik.');
    await s.click('[data-testid=fix-check]');
    const e = await s.waitForText('[data-testid=fix-lama-error]', (t) => t.length > 0);
    assert.ok(e.includes('AMS/2026/LAIN') && e.includes('AMS/2026/3101'), e);
    assert.equal(await desk.sql('select ams_ref from cases'), 'AMS/2026/LAIN', 'never silently overwritten');
  });

  it('with four-eyes on, a correction waits and a second verifikator approves it', async () => {
    // The refused correction's text is still typed: leaving asks first.
    await s.click('[data-testid=nav-corrections]');
    await s.click('[data-testid=confirm-leave] button.danger');
    await s.click('[data-testid=four-eyes-toggle]');
    await s.waitForText('[data-testid=four-eyes-state]', (t) => /aktif:/.test(t));
    await s.click('[data-testid=nav-operators]');
    await s.waitFor('[data-testid=new-operator]');
    await s.type('#op-username', 'verif2');
    await s.type('#op-nama', 'Ni Kadek Verifikator');
    await s.type('#op-password', 'sandi-verif-dua-2026');
    await s.type('#op-password_ulang', 'sandi-verif-dua-2026');
    await s.click('[data-testid=op-role-verifikator]');
    await s.click('[data-testid=op-create]');
    await s.waitForText('[data-testid=operator-created]', (t) => t === 'verif2');
    await openCase();
    await choose(':instansi');
    await s.type('#fix-baru', 'Dinas Kesehatan');
    await s.type('#fix-reason', 'Instansi salah pilih saat penerimaan.');
    await s.click('[data-testid=fix-check]');
    await s.click('[data-testid=fix-save]');
    assert.match(await s.waitForText('[data-testid=fix-saved]', (t) => t.length > 0), /menunggu persetujuan/);
    assert.match(await s.textOf('[data-testid=fix-pending]'), /Dinas Kesehatan/);
    assert.notEqual(await desk.sql('select instansi from cases'), 'Dinas Kesehatan', 'not applied yet');
    await s.click('[data-testid^=fix-approve-]');
    assert.match(await s.waitForText('[data-testid=fix-decide-error]', (t) => t.length > 0), /petugas lain/);
    await s.click('[data-testid=sign-out]');
    await signIn(s, 'verif2', 'sandi-verif-dua-2026');
    await s.waitFor('[data-testid=signed-in-as]');
    // The second person finds it on the dashboard and opens its case from there.
    assert.equal(await s.waitForText('[data-testid=dash-koreksi_menunggu-n]', (t) => t === '1'), '1');
    assert.match(await s.textOf('[data-testid=dash-fix-waiting]'), /Dinas Kesehatan/);
    await s.click('[data-testid^=dash-fix-]:not([data-testid=dash-fix-waiting])');
    await s.waitForText('[data-testid=case-nomor]', (t) => t === nomor);
    await s.click('[data-testid^=fix-approve-]');
    await s.waitGone('[data-testid=fix-pending]');
    assert.equal(await desk.sql('select instansi from cases'), 'Dinas Kesehatan', 'applied on approval');
    assert.match(await s.textOf('[data-testid=case-history]'), /disetujui verif2/);
    await s.click('[data-testid=sign-out]');
    await signIn(s, ADMIN.username, ADMIN.password);
    await s.click('[data-testid=nav-corrections]');
    const register = await s.waitForText('[data-testid=corrections]', (t) => t.includes('verif2'));
    assert.match(register, /Mundur/);
    assert.match(register, /Instansi/);
    await s.screenshot(join(SHOTS, 'daftar-koreksi-nilai.png'));
    // The register to a file: a PDF on the letterhead and an XLSX workbook.
    await s.click('[data-testid=corrections-pdf]');
    const pdf = (await s.waitForText('[data-testid=corrections-saved]', (t) => t.endsWith('.pdf'))).replace(/^Tersimpan di /, '').trim();
    const { stdout: text } = await run('pdftotext', ['-layout', pdf, '-']);
    assert.match(text, /DAFTAR KOREKSI DATA/);
    assert.match(text, /Kesehatan/);
    assert.match(text, /REG-2026-00001/, 'the registration number is not broken');
    assert.match(text, /verif2/, 'who approved is in the PDF');
    await s.click('[data-testid=corrections-xlsx]');
    const xlsx = (await s.waitForText('[data-testid=corrections-saved]', (t) => t.endsWith('.xlsx'))).replace(/^Tersimpan di /, '').trim();
    const { stdout: cells } = await run('python3', ['-c', `import zipfile,sys; print(zipfile.ZipFile(sys.argv[1]).read('xl/sharedStrings.xml').decode())`, xlsx]);
    assert.match(cells, /Dinas Kesehatan/);
    assert.match(cells, /Yang dikoreksi/);
  });
});
