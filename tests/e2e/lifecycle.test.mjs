// End-to-end: the four services through the real app (WebKit, Xvfb,
// tauri-driver): a penerbitan from intake to issued, a pencabutan, the
// expiring-soon view opening a pembaruan, and a perubahan data for an
// applicant with an active certificate producing its chain.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ADMIN, Session, firstRun, signIn, startDriver } from './webdriver.mjs';
import { inDays, intake, person, step, tickRequired } from './desk.mjs';

const APP = process.env.LOKET_APP;
assert.ok(APP, 'LOKET_APP must name the built app binary (make test sets it)');
const SHOTS = join(process.cwd(), 'target', 'e2e');
const run = promisify(execFile);

describe('the four services through the real app', () => {
  let driver;
  let s;
  let dir;
  let db;


  const status = () => s.textOf('[data-testid=case-status]');

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'loket-e2e-life-'));
    db = join(dir, 'loket.sqlite3');
    await mkdir(SHOTS, { recursive: true });
    driver = await startDriver({ LOKET_DATABASE_URL: `sqlite:${db}?mode=rwc` });
    s = await Session.start(driver.base, APP);
    await firstRun(s);
    // The desk starts on its dashboard; the case list is one click away.
    await s.waitFor('[data-testid=dashboard]');
    await s.click('[data-testid=nav-list]');
    await s.waitFor('[data-testid=cases-empty]');
  });

  after(async () => {
    await s?.close();
    driver?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('runs a penerbitan from intake to an issued certificate', async () => {
    await intake(s, person('01', 'Wayan Penerbitan', '196711101992031001'));
    // Before the file is complete, the deadline says what it will count from.
    assert.match(await s.waitForText('[data-testid=case-due]', (t) => t.length > 0), /dihitung sejak berkas lengkap/);
    // The file cannot be complete before its documents are.
    await s.click('[data-testid=action-berkas_lengkap]');
    await s.click('[data-testid=action-save]');
    await s.waitForText('[data-testid=act-requirements-error]', (t) => /Surat permohonan/.test(t));
    await tickRequired(s, ['surat_permohonan', 'ktp']);
    await step(s, 'berkas_lengkap');
    // Now it is due: a day in working time, or (late in a year whose next
    // calendar is not loaded) the message that says how to add it.
    assert.match(
      await s.waitForText('[data-testid=case-due]', (t) => t.includes('Tenggat') || t.includes('Kalender')),
      /Tenggat: \d{2}\/\d{2}\/\d{4} \d{2}\.\d{2} \(3 hari kerja sejak berkas lengkap\) · (\d+ hari kerja lagi|jatuh tempo hari ini)|Kalender hari libur tahun \d{4} belum dimuat/,
    );
    await s.screenshot(join(SHOTS, 'tenggat.png'));
    await step(s, 'terbitkan_rekomendasi');
    // AMS reference is required.
    await s.click('[data-testid=action-ajukan_ams]');
    await s.click('[data-testid=action-save]');
    await s.waitForText('[data-testid=act-ams_ref-error]', (t) => t.length > 0);
    await step(s, 'ajukan_ams', { '#act-first': 'AMS/2026/0001' });
    await step(s, 'tunggu_pemohon');
    await step(s, 'tunggu_bsre');
    await step(s, 'selesai', { '#act-first': inDays(0), '#act-to': inDays(730), '#act-serial': 'SN-E2E-0001' });
    assert.equal(await status(), 'Selesai');
    assert.deepEqual(await s.textsOf('[data-testid=cert-status]'), ['Aktif']);
    assert.equal(await s.textOf('[data-testid=case-nik]'), '************0001');
    await s.click('[data-testid=reveal-nik]');
    await s.waitForText('[data-testid=case-nik]', (t) => t === '5171011011670001');
    assert.equal((await s.textsOf('[data-testid=case-history] tbody tr')).length, 7);
    assert.deepEqual(await s.findAll('[data-testid^=action-]'), [], 'a finished case offers nothing more');
    await s.screenshot(join(SHOTS, 'penerbitan-selesai.png'));
  });

  it('revokes that certificate through a pencabutan', async () => {
    await s.click('[data-testid=service-pencabutan]');
    await s.waitFor('[data-testid=person-chosen]');
    await s.checkA11y('formulir pencabutan');
    await s.click('[data-testid=save]');
    await s.waitForText('[data-testid=f-revocation_reason-error]', (t) => /Pilih alasan pencabutan/.test(t));
    await s.setValue('#f-revocation_reason', 'mutasi');
    await s.screenshot(join(SHOTS, 'formulir-pencabutan.png'));
    await s.click('[data-testid=save]');
    await s.waitForText('[data-testid=case-layanan]', (t) => t.startsWith('Pencabutan'));
    await tickRequired(s, ['surat_permohonan', 'rekomendasi_sebelumnya']);
    await step(s, 'berkas_lengkap');
    await step(s, 'terbitkan_rekomendasi');
    await step(s, 'ajukan_ams', { '#act-first': 'AMS/2026/0002' });
    assert.deepEqual(await s.findAll('[data-testid=action-tunggu_pemohon]'), [], 'no applicant step');
    await step(s, 'tunggu_bsre');
    await step(s, 'selesai');
    assert.equal(await status(), 'Selesai');
    const certs = await s.textOf('[data-testid=certificates]');
    assert.match(certs, /Dicabut/);
    assert.match(certs, /RFC 5280: 3/, 'mutasi is affiliationChanged');
  });

  it('lists a certificate that ended without a renewal, and renews it from there', async () => {
    await intake(s, person('09', 'Ketut Berakhir', '196711101992031009'));
    await tickRequired(s, ['surat_permohonan', 'ktp']);
    for (const a of ['berkas_lengkap', 'terbitkan_rekomendasi']) await step(s, a);
    await step(s, 'ajukan_ams', { '#act-first': 'AMS/2026/0004' });
    await step(s, 'tunggu_bsre');
    await step(s, 'selesai', { '#act-first': inDays(-733), '#act-to': inDays(-3), '#act-serial': 'SN-E2E-0003' });
    await s.click('[data-testid=nav-expiring]');
    await s.waitFor('[data-testid=expired-row]');
    const ended = await s.textOf('[data-testid=expired]');
    assert.match(ended, /Ketut Berakhir/);
    assert.match(ended, /berakhir 3 hari lalu/);
    assert.doesNotMatch(await s.textOf('section'), /Ketut Berakhir[^]*hari lagi/, 'not among the ones still running');
    await s.click('[data-testid=expired] [data-testid=renew]');
    await s.click('[data-testid=expired] [data-testid=renew-unchanged]');
    await s.waitForText('[data-testid=case-layanan]', (t) => t.startsWith('Pembaruan'));
    await s.click('[data-testid=nav-expiring]');
    await s.waitFor('[data-testid=expired-row]');
    assert.equal((await s.findAll('[data-testid=expired] [data-testid=renew]')).length, 0, 'its renewal is under way');
  });

  it('opens a pembaruan from the expiring-soon view', async () => {
    await intake(s, person('02', 'Made Pembaruan', '196711101992031002'));
    await tickRequired(s, ['surat_permohonan', 'ktp']);
    for (const a of ['berkas_lengkap', 'terbitkan_rekomendasi']) await step(s, a);
    await step(s, 'ajukan_ams', { '#act-first': 'AMS/2026/0003' });
    await step(s, 'tunggu_bsre');
    await step(s, 'selesai', { '#act-first': inDays(-700), '#act-to': inDays(12), '#act-serial': 'SN-E2E-0002' });
    await s.click('[data-testid=nav-expiring]');
    await s.waitFor('[data-testid=expiring-row]');
    assert.match(await s.textOf('[data-testid=expiring]'), /Made Pembaruan/);
    await s.checkA11y('akan kedaluwarsa');
    await s.click('[data-testid=renew]');
    await s.click('[data-testid=renew-unchanged]');
    await s.waitForText('[data-testid=case-layanan]', (t) => t.startsWith('Pembaruan'));
    assert.equal(await status(), 'Diterima');
  });

  it('turns a perubahan data for a certificate holder into its chain of three', async () => {
    const renewal = await s.textOf('[data-testid=case-nomor]');
    // While the renewal runs, a data change (whose chain revokes the
    // certificate being renewed) is refused, naming the running case.
    await s.click('[data-testid=service-perubahan_data]');
    await s.waitFor('[data-testid=person-chosen]');
    await s.type('#baru-jabatan', 'Analis Ahli Muda');
    await s.type('#f-alasan', 'Kenaikan jabatan.');
    await s.click('[data-testid=save]');
    assert.ok((await s.waitForText('[data-testid=f-layanan-error]', (t) => t.length > 0)).includes(renewal));
    // The renewal is withdrawn (the unsaved form left after the question);
    // the data change then opens its chain.
    await s.click('[data-testid=nav-list]');
    await s.click('[data-testid=confirm-leave] button.danger');
    await s.click('[data-testid=case-row] td');
    await s.waitForText('[data-testid=case-nomor]', (t) => t === renewal);
    await step(s, 'batalkan', { '#act-first': 'Pemohon memilih perubahan data.' });
    await s.click('[data-testid=service-perubahan_data]');
    await s.waitFor('[data-testid=person-chosen]');
    await s.type('#baru-jabatan', 'Analis Ahli Muda');
    await s.type('#f-alasan', 'Kenaikan jabatan.');
    await s.click('[data-testid=save]');
    await s.waitForText('[data-testid=case-layanan]', (t) => t.startsWith('Perubahan data'));
    const linked = await s.textOf('[data-testid=linked]');
    assert.match(linked, /Pencabutan/);
    assert.match(linked, /Penerbitan/);
    await s.screenshot(join(SHOTS, 'rantai-perubahan-data.png'));
  });

  it('attaches a KTP photo, refuses a PDF posing as one, and shows the photo', async () => {
    await intake(s, person('03', 'Ketut Berkas', '196711101992031003'));
    const fake = join(dir, 'ktp-palsu.jpg');
    await writeFile(fake, '%PDF-1.4\n1 0 obj << >> endobj\n%%EOF\n');
    const photo = join(dir, 'ktp.jpg');
    await run('/usr/bin/convert', ['-size', '480x300', 'gradient:#0b4f8a-#f2b705', photo]);

    await s.setValue('#doc-kind', 'ktp');
    await s.type('#doc-file', fake);
    await s.click('[data-testid=attach]');
    assert.match(await s.waitForText('[data-testid=document-error]', (t) => t.length > 0), /JPEG atau PNG/);
    assert.deepEqual(await s.findAll('[data-testid=document-row]'), [], 'nothing stored');

    await s.setValue('#doc-kind', 'ktp');
    await s.type('#doc-file', photo);
    await s.click('[data-testid=attach]');
    await s.waitFor('[data-testid=document-row]');
    assert.match(await s.textOf('[data-testid=document-row]'), /image\/jpeg/);
    assert.match(await s.textOf('[data-testid=requirements]'), /✓/, 'the KTP requirement is ticked');
    await s.click('[data-testid=document-row] button.link');
    await s.waitFor('[data-testid=document-preview]');
    await s.screenshot(join(SHOTS, 'berkas-ktp.png'));
    await s.checkA11y('pratinjau berkas');
    await s.click('.dialog.wide button');
    await s.waitGone('[data-testid=document-preview]');
  });

  it('verifies the audit log in the app and from the command line, and finds tampering', async () => {
    await s.click('[data-testid=nav-audit]');
    await s.click('[data-testid=audit-verify]');
    assert.match(await s.waitForText('[data-testid=audit-result]', (t) => t.length > 0), /utuh/);
    await s.click('[data-testid=audit-checkpoint]');
    const file = (await s.waitForText('[data-testid=audit-checkpoint-saved]', (t) => t.endsWith('.json'))).replace(/^Tersimpan di /, '').trim();
    await s.checkA11y('log audit');
    await s.close();
    s = null;
    const env = { ...process.env, LOKET_DATABASE_URL: `sqlite:${db}?mode=rwc` };
    const ok = await run(APP, ['audit-verify', '--checkpoint', file], { env });
    assert.match(ok.stdout, /Log audit utuh/);

    // The tail cut and the head row rewritten to match: the chain alone
    // would look whole; the checkpoint in the keyring names what is missing.
    const sql = (q) => run('python3', ['-c', `import sqlite3; c = sqlite3.connect(${JSON.stringify(db)}); c.executescript(${JSON.stringify(q)}); c.commit()`]);
    await sql("delete from audit_log where seq > (select max(seq) - 3 from audit_log); update settings set value = (select seq || ':' || hash from audit_log order by seq desc limit 1) where key = 'audit_head';");
    const cut = await run(APP, ['audit-verify'], { env }).then(
      () => assert.fail('a log cut at its end must not verify'),
      (e) => e,
    );
    assert.equal(cut.code, 2);
    assert.match(cut.stderr, /RUSAK mulai entri nomor \d+: log berakhir di entri \d+, padahal titik periksa mencatat entri \d+/);
    // The head row was rewritten outside Loket too: its seal says so.
    assert.match(cut.stderr, /Baris diubah di luar Loket: pengaturan audit_head/);
    // After looking (or after a real restore) an admin accepts the state, on
    // purpose and on the record: signed in, then YA.
    const wrong = run(APP, ['forget-checkpoint'], { env });
    wrong.child.stdin.end(`${ADMIN.username}\nbukan-sandinya\nYA\n`);
    assert.equal((await wrong.then(() => ({ code: 0 }), (e) => e)).code, 1, 'not without the admin\'s password');
    const refused = run(APP, ['forget-checkpoint'], { env });
    refused.child.stdin.end(`${ADMIN.username}\n${ADMIN.password}\ntidak\n`);
    assert.equal((await refused.then(() => ({ code: 0 }), (e) => e)).code, 1, 'not without typing YA');
    const forget = run(APP, ['forget-checkpoint'], { env });
    forget.child.stdin.end(`${ADMIN.username}\n${ADMIN.password}\nYA\n`);
    const accepted = await forget;
    assert.match(accepted.stdout, /Log audit: rusak mulai entri \d+/, 'what was found is shown before accepting');
    assert.match(accepted.stdout, /dilupakan dan dicatat/);
    const restored = await run(APP, ['audit-verify'], { env });
    assert.match(restored.stdout, /Log audit utuh/);
    // An edited entry is named.
    await sql("update audit_log set actor = 'orang lain' where seq = 3");
    const broken = await run(APP, ['audit-verify'], { env }).then(
      () => assert.fail('a tampered log must not verify'),
      (e) => e,
    );
    assert.equal(broken.code, 2);
    assert.match(broken.stderr, /RUSAK mulai entri nomor 3/);
  });

  it('opens read-only, saying why to everyone and which rows to the admin, when its file was edited', async () => {
    // A setting slipped into the file without Loket: found at start.
    await run('sqlite3', [db, "insert into settings (key, value) values ('ingat_saya_hari', '90')"]);
    s = await Session.start(driver.base, APP);
    await signIn(s, ADMIN.username, ADMIN.password);
    const banner = await s.waitForText('[data-testid=integrity-banner]', (t) => /hanya-baca/.test(t));
    assert.match(banner, /diubah di luar Loket/);
    assert.match(await s.textOf('[data-testid=integrity-rows]'), /ingat_saya_hari/);
    await s.checkA11y('hanya-baca');
    await s.screenshot(join(SHOTS, 'hanya-baca.png'));
    // Reading goes on; saving does not, with the same reason next to the form.
    await s.click('[data-testid=nav-list]');
    await s.waitFor('[data-testid=case-row]');
  });
});
