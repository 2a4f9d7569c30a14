// End-to-end: walk-ins for every service through the real app (WebKit, Xvfb,
// tauri-driver), and the unhappy paths: a renewal for a holder of a
// certificate from before Loket, a data change that updates the person's
// record, a revocation, a rejection with its penolakan letter and a
// re-application, missing documents and back, a withdrawal, a correction of
// the record and the register of corrections, the checklists screen, and help
// with using a certificate counted in the report. axe-core checks every screen visited.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { Session, firstRun, startDriver } from './webdriver.mjs';
import { inDays, person, step } from './desk.mjs';

const run = promisify(execFile);

const APP = process.env.LOKET_APP;
assert.ok(APP, 'LOKET_APP must name the built app binary (make test sets it)');
const SHOTS = join(process.cwd(), 'target', 'e2e');

describe('every service for every walk-in through the real app', () => {
  let driver;
  let s;
  let dir;

  async function newService(layanan) {
    await s.click('[data-testid=nav-new]');
    await s.waitFor('[data-testid=form-layanan]');
    await s.click(`[data-testid=layanan-${layanan}]`);
  }

  async function fillPerson(data) {
    for (const [field, value] of Object.entries(data)) await s.type(`#f-${field}`, value);
    await s.tick('[data-testid=privacy-given]');
  }

  async function save() {
    await s.click('[data-testid=save]');
    return s.waitForText('[data-testid=case-nomor]', (t) => t.startsWith('REG-'));
  }

  async function tickAll() {
    const boxes = await s.findAll('[data-testid=requirements] input[type=checkbox]:not(:checked)');
    for (let i = 0; i < boxes.length; i++) {
      const [box] = await s.findAll('[data-testid=requirements] input[type=checkbox]:not(:checked)');
      if (!box) break;
      await s.cmd('POST', `/element/${box}/click`, {});
      await s.waitForText('[data-testid=requirements]', (t) => t.split('✓').length - 1 >= i + 1);
    }
  }

  const status = () => s.textOf('[data-testid=case-status]');

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'loket-e2e-services-'));
    await mkdir(SHOTS, { recursive: true });
    driver = await startDriver({ LOKET_DATABASE_URL: `sqlite:${dir}/loket.sqlite3?mode=rwc` });
    s = await Session.start(driver.base, APP);
    await firstRun(s);
    // The desk starts on its dashboard; the case list is one click away.
    await s.waitFor('[data-testid=dashboard]');
    await s.click('[data-testid=nav-list]');
    await s.waitFor('[data-testid=cases-empty]');
    await s.checkA11y('daftar permohonan');
  });

  it('has an accessibility check that fails on an unlabelled control', async () => {
    await s.execute(`const i = document.createElement('input'); i.id = 'tanpa-label'; document.querySelector('main, body').appendChild(i);`);
    await assert.rejects(s.checkA11y('isian tanpa label'), /critical label:.*#tanpa-label/);
    await s.execute(`document.getElementById('tanpa-label').remove();`);
    await s.checkA11y('daftar permohonan');
  });

  after(async () => {
    await s?.close();
    driver?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('renews a certificate issued before Loket for a walk-in, and supersedes it', async () => {
    await newService('pembaruan');
    await fillPerson(person('11', 'Wayan Pembaruan', '196711101992031011'));
    await s.waitFor('[data-testid=service-certificates]');
    await s.checkA11y('formulir pembaruan');
    // A person new to Loket holds no certificate on record: the one held from
    // outside is asked for. Without it and the data confirmed, nothing is saved.
    assert.equal(await s.execute("return document.querySelector('[data-testid=record-outside]').checked;"), true);
    await s.click('[data-testid=save]');
    await s.waitForText('[data-testid=luar-valid_from-error]', (t) => /tanggal/.test(t));
    await s.type('#luar-valid_from', inDays(-720));
    await s.type('#luar-valid_to', inDays(10));
    await s.type('#luar-serial', 'SN-2024-77');
    await s.click('[data-testid=save]');
    await s.waitForText('[data-testid=f-data_dikonfirmasi-error]', (t) => /AMS/.test(t));
    await s.click('[data-testid=f-data_dikonfirmasi]');
    await s.screenshot(join(SHOTS, 'formulir-pembaruan.png'));
    await save();
    assert.match(await s.textOf('[data-testid=case-layanan]'), /^Pembaruan/);
    await s.checkA11y('halaman permohonan');
    await tickAll();
    await step(s, 'berkas_lengkap');
    await step(s, 'terbitkan_rekomendasi');
    await step(s, 'ajukan_ams', { '#act-first': 'AMS/2026/1001' });
    await step(s, 'tunggu_pemohon');
    await step(s, 'tunggu_bsre');
    await step(s, 'selesai', { '#act-first': inDays(0), '#act-to': inDays(730), '#act-serial': 'SN-E2E-1101' });
    assert.equal(await status(), 'Selesai');
    const certs = await s.textsOf('[data-testid=cert-status]');
    assert.deepEqual(certs.sort(), ['Aktif', 'Digantikan'], 'the renewed certificate is superseded');
    await s.screenshot(join(SHOTS, 'pembaruan-selesai.png'));
  });

  it('changes a walk-in’s data when BSrE approves, keeping the old values in the history', async () => {
    await newService('perubahan_data');
    await s.type('#cari-pemohon', '5171011011670011');
    await s.click('[data-testid=cari-pemohon-submit]');
    await s.waitFor('[data-testid=person-matches] button');
    await s.click('[data-testid=person-matches] button');
    await s.waitFor('[data-testid=person-chosen]');
    await s.waitFor('[data-testid=data-change]');
    await s.checkA11y('formulir perubahan data');
    await s.type('#baru-email', 'wayan@');
    await s.type('#f-alasan', 'Pindah unit kerja.');
    await s.click('[data-testid=save]');
    await s.waitForText('[data-testid=baru-email-error]', (t) => /e-mail/i.test(t));
    await s.type('#baru-email', 'wayan@denpasarkota.go.id');
    await s.type('#baru-unit_kerja', 'Bidang Statistik');
    await s.screenshot(join(SHOTS, 'formulir-perubahan-data.png'));
    await save();
    // The holder of an active certificate gets the chain; the revocation waits.
    const linked = await s.textOf('[data-testid=linked]');
    assert.match(linked, /Pencabutan/);
    assert.match(linked, /Penerbitan/);
    const cells = await s.textsOf('[data-testid=form-changes] tbody tr:last-child > *');
    assert.deepEqual(cells, ['Unit kerja', 'Bidang Persandian', 'Bidang Statistik'], 'the current value next to the new one');
    await tickAll();
    await step(s, 'berkas_lengkap');
    await step(s, 'ajukan_ams', { '#act-first': 'AMS/2026/1002' });
    await step(s, 'tunggu_bsre');
    await step(s, 'selesai');
    await s.click('[data-testid=open-applicant]');
    await s.waitForText('[data-testid=applicant-unit_kerja]', (t) => t === 'Bidang Statistik');
    assert.match(await s.textOf('[data-testid=data-history]'), /Bidang Persandian/);
    await s.checkA11y('data pemohon');
    await s.screenshot(join(SHOTS, 'data-pemohon.png'));
  });

  it('records the person’s correction request, due in 3 x 24 hours, answered by the correction', async () => {
    await s.click('[data-testid=dr-new]');
    await s.click('[data-testid=dr-save]');
    assert.match(await s.waitForText('[data-testid=dr-isi-error]', (t) => t.length > 0), /Tuliskan data yang diminta/);
    assert.equal((await s.textsOf('[data-testid=dr-list] tbody tr')).length, 0, 'nothing recorded');
    await s.type('[data-testid=dr-isi]', 'Jabatan tertulis Analis; yang benar Analis Keamanan Informasi.');
    await s.click('[data-testid=dr-save]');
    const row = await s.waitForText('[data-testid=dr-list] tbody tr', (t) => t.includes('KOREKSI-'));
    assert.match(row, /KOREKSI-\d{4}-0001/);
    // Before the data is corrected, "done" is refused.
    await s.click('[data-testid=dr-corrected]');
    assert.match(await s.waitForText('[data-testid=dr-error]', (t) => t.length > 0), /Belum ada koreksi data/);
  });

  it('corrects a typo in a record with a reason, and refuses it without one', async () => {
    await s.click('[data-testid=start-correction]');
    await s.type('#fix-jabatan', 'Analis Keamanan Informasi');
    await s.click('[data-testid=save-correction]');
    await s.waitForText('[data-testid=fix-alasan-error]', (t) => /alasan/.test(t));
    await s.type('#fix-alasan', 'Salah ketik saat penerimaan.');
    await s.click('[data-testid=save-correction]');
    // Old beside new before it is saved.
    const compare = await s.textOf('[data-testid=correction-compare]');
    assert.ok(compare.includes('Analis Keamanan Informasi'), compare);
    await s.click('[data-testid=save-correction]');
    await s.waitForText('[data-testid=applicant-jabatan]', (t) => t === 'Analis Keamanan Informasi');
    assert.match(await s.textOf('[data-testid=data-history]'), /koreksi/);
    await s.click('[data-testid=dr-corrected]');
    assert.match(await s.waitForText('[data-testid=dr-list] tbody tr', (t) => t.includes('Data dikoreksi')), /Data dikoreksi/);
  });

  it('records an access request by the moment it came in; the export answers it, late, and says so', async () => {
    await s.click('[data-testid=dr-new]');
    await s.click('[data-testid=dr-kind-akses]');
    // Came in four days ago at nine: its 3 x 24 hours ran out yesterday.
    await s.type('#dr-diterima', `${inDays(-4)} 09:00`);
    await s.click('[data-testid=dr-save]');
    const row = await s.waitForText('[data-testid=dr-list] tbody tr', (t) => t.includes('AKSES-'));
    assert.match(row, /Terlambat/, 'late in red until answered');
    assert.match(row, /Jawab dengan Ekspor data pribadi/, 'answered by the export, not by a correction');
    await s.click('[data-testid=export-access]');
    const saved = await s.waitForText('[data-testid=access-saved]', (t) => t.includes('AKSES-'));
    assert.ok(saved.includes(`${inDays(-4)} 09.00`), `the export carries the request's own time: ${saved}`);
    await s.waitFor('[data-testid=access-late]');
    const answered = await s.waitForText('[data-testid=dr-list] tbody', (t) => t.includes('Dijawab dengan ekspor data pribadi'));
    assert.doesNotMatch(answered.split('\n').find((l) => l.includes('AKSES-')) ?? '', /Terlambat/, 'answered: no longer waiting');
  });

  it('records on the person’s page a certificate held from outside Loket, refusing impossible dates', async () => {
    const before = (await s.textsOf('[data-testid=applicant-certificates] tr')).length;
    await s.click('[data-testid=start-record]');
    await s.type('#rec-valid_from', '01/01/2022');
    await s.type('#rec-valid_to', '01/01/2021');
    await s.click('[data-testid=save-record]');
    await s.waitForText('[data-testid=rec-valid_to-error]', (t) => t.length > 0);
    assert.equal((await s.textsOf('[data-testid=applicant-certificates] tr')).length, before, 'nothing recorded');
    // The person holds an active certificate: a second active one is refused;
    // one that ended before Loket is recorded (with its serial).
    await s.type('#rec-valid_to', '01/01/2028');
    await s.type('#rec-serial', 'SN-LAMA-2022');
    await s.click('[data-testid=save-record]');
    assert.match(await s.waitForText('[data-testid=rec-valid_to-error]', (t) => t.length > 0), /lebih dari satu sertifikat aktif/);
    await s.type('#rec-valid_to', '01/01/2024');
    await s.click('[data-testid=save-record]');
    await s.waitForText('[data-testid=applicant-certificates]', (t) => /01\/01\/2022 – 01\/01\/2024/.test(t));
    assert.match(await s.textOf('[data-testid=applicant-certificates]'), /tercatat dari luar Loket/);
  });

  it('revokes a walk-in’s certificate from outside Loket with the reason, day and statement', async () => {
    await newService('pencabutan');
    await fillPerson(person('12', 'Ketut Pencabutan', '196711101992031012'));
    await s.waitFor('[data-testid=service-certificates]');
    await s.type('#luar-valid_from', inDays(-100));
    await s.type('#luar-valid_to', inDays(600));
    await s.type('#luar-serial', 'SN-E2E-1201');
    await s.setValue('#f-revocation_reason', 'pensiun');
    await s.checkA11y('formulir pencabutan');
    await s.execute("document.querySelector('#f-revocation_reason').scrollIntoView({ block: 'center' });");
    await s.screenshot(join(SHOTS, 'formulir-pencabutan.png'));
    await save();
    assert.match(await s.textOf('[data-testid=service-form]'), /Pensiun/);
    await s.click('[data-testid=save-form]');
    assert.match(await s.waitForText('[data-testid=form-notice]', (t) => t.length > 0), /Formulir-Pencabutan/);
    await tickAll();
    await step(s, 'berkas_lengkap');
    await step(s, 'terbitkan_rekomendasi');
    await step(s, 'ajukan_ams', { '#act-first': 'AMS/2026/1003' });
    await step(s, 'tunggu_bsre');
    await step(s, 'selesai');
    const certs = await s.textOf('[data-testid=certificates]');
    assert.match(certs, /Dicabut/);
    assert.match(certs, /RFC 5280: 5/, 'pensiun is cessationOfOperation');
  });

  it('shows a refused form in English when staff chose English, and in Indonesian again after', async () => {
    await newService('pencabutan');
    await s.click('button.lang');
    await s.waitForText('button.lang', (t) => t === 'ID');
    // A NIK one digit short, refused as the field is left: the core's message in English.
    await s.type('#f-nik', '517101101167001');
    await s.type('#f-nama', 'Made Bahasa');
    assert.equal(await s.waitForText('[data-testid=f-nik-error]', (t) => t.length > 0), 'The NIK has 16 digits (15 typed).');
    await fillPerson(person('19', 'Made Bahasa', '196711101992031019'));
    await s.waitFor('[data-testid=service-certificates]');
    await s.type('#luar-valid_from', inDays(-100));
    await s.type('#luar-valid_to', inDays(600));
    await s.type('#luar-serial', 'SN-E2E-1901');
    // No reason and no statement: refused by the core, each field's message in English.
    await s.type('#f-pernyataan', ' ');
    await s.click('[data-testid=save]');
    assert.equal(await s.waitForText('[data-testid=f-pernyataan-error]', (t) => t.length > 0), "Fill in the applicant's statement.");
    await s.click('button.lang');
    await s.waitForText('button.lang', (t) => t === 'EN');
    await s.click('[data-testid=save]');
    assert.equal(await s.waitForText('[data-testid=f-pernyataan-error]', (t) => t.startsWith('Isi')), 'Isi pernyataan pemohon.');
    assert.equal((await s.findAll('[data-testid=case-nomor]')).length, 0, 'nothing was saved');
    // Leaving the unsaved form asks first; the desk leaves it.
    await s.click('[data-testid=nav-list]');
    await s.click('[data-testid=confirm-leave] button.danger');
    await s.waitGone('[data-testid=confirm-leave]');
  });

  it('rejects a case with its penolakan letter, and takes the re-application', async () => {
    // Letters name their signatory.
    await s.click('[data-testid=nav-letter-settings]');
    await s.waitFor('[data-testid=letter-settings]');
    await s.checkA11y('pengaturan surat');
    await s.type('#ttd-0-nama', 'Dr. I Gusti Ngurah Rai, S.Kom., M.T.');
    // The office's own codes: Loket ships none.
    await s.type('#klas-rek', '000.8.3.3');
    await s.type('#klas-tolak', '000.8.3.3');
    await s.type('#unit', 'DKIS');
    await s.click('[data-testid=settings-save]');
    await s.waitFor('[data-testid=settings-saved]');
    await newService('penerbitan');
    await fillPerson(person('13', 'Made Ditolak', '196711101992031013'));
    await s.checkA11y('formulir penerbitan');
    await s.screenshot(join(SHOTS, 'formulir-penerbitan.png'));
    await save();
    await step(s, 'tolak', { '#act-first': 'data_tidak_sesuai', '#act-by': 'dinas' });
    assert.equal(await status(), 'Ditolak');
    await s.waitForText('[data-testid=case-rejection]', (t) => t.length > 0);
    await s.click('[data-testid=letter-draft]');
    await s.waitFor('[data-testid=letter-row]');
    assert.match(await s.textOf('[data-testid=letter-row]'), /Penolakan/);
    await s.screenshot(join(SHOTS, 'penolakan.png'));
    await s.click('[data-testid=reopen]');
    await s.waitForText('[data-testid=case-status]', (t) => t === 'Diterima');
    assert.match(await s.textOf('[data-testid=linked]'), /induk/, 'the re-application points to the rejected case');
  });

  it('waits on missing documents and comes back to a complete file', async () => {
    await step(s, 'berkas_kurang', { '#act-first': 'Surat permohonan belum ditandatangani.' });
    assert.equal(await status(), 'Berkas kurang');
    await tickAll();
    await step(s, 'berkas_lengkap');
    assert.equal(await status(), 'Berkas lengkap');
  });

  it('withdraws a case with its reason', async () => {
    await s.click('[data-testid=action-batalkan]');
    await s.waitFor('[data-testid=action-form]');
    await s.click('[data-testid=action-save]');
    await s.waitForText('[data-testid=act-note-error]', (t) => /alasan/.test(t));
    await s.setValue('#act-first', 'Pemohon mengundurkan diri.');
    await s.click('[data-testid=action-save]');
    await s.waitForText('[data-testid=case-status]', (t) => t === 'Dibatalkan');
  });

  it('lets the admin say a renewal needs no document, and names a wrong row', async () => {
    await s.click('[data-testid=nav-catalogue]');
    await s.waitFor('[data-testid=catalogue]');
    await s.checkA11y('persyaratan');
    for (;;) {
      const [remove] = await s.findAll('[data-testid=catalogue-pembaruan] [data-testid^=pembaruan-][data-testid$=-remove]');
      if (!remove) break;
      await s.cmd('POST', `/element/${remove}/click`, {});
    }
    await s.click('[data-testid=penerbitan-add]');
    await s.click('[data-testid=catalogue-save]');
    await s.waitForText('[data-testid=penerbitan-3-code-error]', (t) => /Kode/.test(t));
    await s.click('[data-testid=penerbitan-3-remove]');
    await s.click('[data-testid=catalogue-save]');
    await s.waitFor('[data-testid=catalogue-saved]');
    await s.screenshot(join(SHOTS, 'persyaratan.png'));
  });

  it('sets the official e-mail domain, refusing one that is no domain, and intake then warns about an address elsewhere', async () => {
    await s.click('[data-testid=nav-catalogue]');
    await s.waitFor('[data-testid=official-domain]');
    await s.type('#domain', 'denpasar kota');
    await s.click('[data-testid=domain-save]');
    assert.match(await s.waitForText('[data-testid=domain-error]', (t) => t.length > 0), /nama domain/);
    await s.type('#domain', '@DenpasarKota.go.id');
    await s.click('[data-testid=domain-save]');
    assert.match(await s.waitForText('[data-testid=domain-saved]', (t) => t.length > 0), /@denpasarkota\.go\.id/);
    const walkIn = person('27', 'Wayan Gmail', '196711101992031027');
    walkIn.email = 'wayan.gmail@gmail.com';
    await s.click('[data-testid=nav-new]');
    await s.waitFor('[data-testid=form-layanan]');
    for (const [field, value] of Object.entries(walkIn)) await s.type(`#f-${field}`, value);
    await s.tick('[data-testid=privacy-given]');
    await s.click('[data-testid=save]');
    assert.match(await s.waitForText('[data-testid=confirm-warnings]', (t) => t.length > 0), /bukan @denpasarkota\.go\.id/);
    // Saved anyway (the desk knows the person), so nothing is left unsaved.
    await s.click('[data-testid=save]');
    await s.waitForText('[data-testid=case-nomor]', (t) => t.startsWith('REG-'));
  });

  it('takes an application that came by e-mail, with the message filed as its document', async () => {
    await s.click('[data-testid=nav-new]');
    await s.waitFor('[data-testid=form-layanan]');
    await s.setValue('#f-kanal', 'surel');
    assert.match(await s.waitForText('[data-testid=kanal-surel-hint]', (t) => t.length > 0), /lampirkan/);
    for (const [field, value] of Object.entries(person('28', 'Made Surel', '196711101992031028'))) await s.type(`#f-${field}`, value);
    await s.tick('[data-testid=privacy-given]');
    await s.click('[data-testid=save]');
    const nomor = await s.waitForText('[data-testid=case-nomor]', (t) => t.startsWith('REG-'));
    const { stdout } = await run('sqlite3', [join(dir, 'loket.sqlite3'), `select kanal from cases where nomor = '${nomor}'`]);
    assert.equal(stdout.trim(), 'surel', 'the case keeps the channel it came by');
    const message = join(dir, 'permohonan-lewat-surel.pdf');
    await writeFile(message, '%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
    await s.setValue('#doc-kind', 'surat_permohonan');
    await s.type('#doc-file', message);
    await s.click('[data-testid=attach]');
    await s.waitFor('[data-testid=document-row]');
    assert.match(await s.textOf('[data-testid=document-row]'), /application\/pdf/);
  });

  it('helps a holder who forgot the passphrase: refused without a topic, passed to BSrE, closed, and counted in the report', async () => {
    await s.click('[data-testid=open-applicant]');
    await s.click('[data-testid=hlp-new]');
    assert.match(await s.textOf('[data-testid=hlp-form]'), /Jangan pernah menanyakan atau menuliskan passphrase/);
    await s.click('[data-testid=hlp-save]');
    assert.match(await s.waitForText('[data-testid=hlp-topik-error]', (t) => t.length > 0), /Pilih hal/);
    assert.match(await s.textOf('[data-testid=hlp-uraian-error]'), /Wajib diisi/);
    assert.equal((await s.findAll('[data-testid=hlp-list]')).length, 0, 'nothing recorded');
    await s.setValue('[data-testid=hlp-topik]', 'lupa_passphrase');
    await s.setValue('[data-testid=hlp-kanal]', 'telepon');
    await s.type('[data-testid=hlp-uraian]', 'Lupa passphrase, tidak dapat menandatangani surat dinas.');
    await s.click('[data-testid=hlp-save]');
    const row = await s.waitForText('[data-testid=hlp-list] tbody tr', (t) => t.includes('BANTUAN-'));
    assert.match(row, /BANTUAN-\d{4}-0001/);
    assert.ok(row.includes(inDays(0)), `left empty, it came in now: ${row}`);
    assert.match(row, /Telepon/);
    await s.checkA11y('bantuan penggunaan sertifikat');
    // Passed to BSrE: its reference is required.
    await s.click('[data-testid=hlp-forward]');
    await s.click('[data-testid=hlp-step-save]');
    assert.match(await s.waitForText('[data-testid=hlp-step-form] .msg.error', (t) => t.length > 0), /Wajib diisi/);
    await s.type('#hlp-step-text', 'Tiket BSrE 2026-1207');
    await s.click('[data-testid=hlp-step-save]');
    assert.match(await s.waitForText('[data-testid=hlp-list] tbody tr', (t) => t.includes('Tiket BSrE')), /Diteruskan ke BSrE/);
    assert.equal((await s.findAll('[data-testid=hlp-forward]')).length, 0, 'passed on once');
    // Waiting on BSrE, it is counted on the dashboard and listed among the open requests.
    await s.click('[data-testid=nav-home]');
    assert.equal(await s.waitForText('[data-testid=dash-bantuan_terbuka-n]', (t) => t.length > 0), '1');
    await s.click('[data-testid=dash-bantuan_terbuka]');
    assert.match(await s.waitForText('[data-testid=help-register-list]', (t) => t.includes('BANTUAN-')), /Made Surel[\s\S]*Diteruskan ke BSrE/);
    await s.checkA11y('bantuan sertifikat');
    await s.click('[data-testid=help-register-person]');
    await s.click('[data-testid=hlp-close]');
    await s.type('#hlp-step-text', 'BSrE mengatur ulang; pemohon sudah menandatangani.');
    await s.click('[data-testid=hlp-step-save]');
    await s.waitForText('[data-testid=hlp-list] tbody tr', (t) => t.includes('sudah menandatangani'));
    assert.equal((await s.findAll('[data-testid=hlp-close]')).length, 0, 'closed once');
    await s.screenshot(join(SHOTS, 'bantuan-sertifikat.png'));
    await s.click('[data-testid=nav-help]');
    await s.waitFor('[data-testid=help-register-empty]');
    const { stdout } = await run('sqlite3', [join(dir, 'loket.sqlite3'), "select status || ',' || topik || ',' || kanal from help_requests"]);
    assert.equal(stdout.trim(), 'selesai,lupa_passphrase,telepon');
    // The report of this month counts it on its topic's line and in the total.
    await s.click('[data-testid=nav-reports]');
    await s.waitFor('[data-testid=rep-help]');
    const line = await s.textsOf('[data-testid=rep-help] tbody tr:first-child td');
    assert.deepEqual(line, ['Lupa passphrase', '1', '1', '1', '1'], 'received, closed, the same day, passed on');
    const total = await s.textsOf('[data-testid=rep-help] tbody tr:last-child td');
    assert.deepEqual(total, ['Jumlah', '1', '1', '1', '1']);
  });

  it('lists the record’s correction in the register of corrections, and refuses a date that is no day', async () => {
    await s.click('[data-testid=nav-corrections]');
    const row = await s.waitForText('[data-testid=corrections] tbody', (t) => t.includes('Analis Keamanan Informasi'));
    assert.match(row, /Salah ketik saat penerimaan\./, 'why, as typed with the correction');
    assert.match(row, /Jabatan/, 'which field, by its label');
    await s.checkA11y('daftar koreksi');
    await s.screenshot(join(SHOTS, 'daftar-koreksi.png'));
    await s.type('#dari', '31/02/2026');
    await s.click('[data-testid=corrections-filter] button[type=submit]');
    assert.match(await s.waitForText('[data-testid=dari-error]', (t) => t.length > 0), /Tanggal tidak valid/);
    await s.type('#dari', inDays(1));
    await s.click('[data-testid=corrections-filter] button[type=submit]');
    await s.waitFor('[data-testid=corrections-none]');
  });
});
