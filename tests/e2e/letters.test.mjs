// End-to-end: letters through the real app. The letter settings refuse a
// missing signatory next to the field and import the office's trust anchor
// (a test CA standing in for BSrE's chain); a Surat Rekomendasi Pendaftaran
// is drafted from a complete case, numbered, exported for a wet and for an
// electronic signature, signed by a real signer (pyHanko) and filed back as
// final only after an untrusted signature and a copy changed after signing
// were refused next to the field.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, mkdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Session, firstRun, startDriver } from './webdriver.mjs';

const APP = process.env.LOKET_APP;
assert.ok(APP, 'LOKET_APP must name the built app binary (make test sets it)');
const SHOTS = join(process.cwd(), 'target', 'e2e');
const PYHANKO = join(process.cwd(), 'target', 'pytools', 'bin', 'pyhanko');
const PYTHON = join(process.cwd(), 'target', 'pytools', 'bin', 'python');
const FIXTURES = join(process.cwd(), 'tests', 'pdfsig', 'fixtures.py');
const run = promisify(execFile);

describe('letters through the real app', () => {
  let driver;
  let s;
  let dir;

  const savedPath = (notice) => notice.replace(/^Tersimpan di /, '').trim();

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'loket-e2e-surat-'));
    await mkdir(SHOTS, { recursive: true });
    driver = await startDriver({ LOKET_DATABASE_URL: `sqlite:${join(dir, 'loket.sqlite3')}?mode=rwc` });
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

  it('refuses letter settings without a signatory name, then saves them', async () => {
    await s.click('[data-testid=nav-letter-settings]');
    await s.waitFor('[data-testid=letter-settings]');
    await s.click('[data-testid=settings-save]');
    assert.match(await s.waitForText('[data-testid=ttd-0-nama-error]', (t) => t.length > 0), /Nama wajib diisi/);
    // Loket ships no office's codes: the pattern prints them, so they are asked for.
    assert.match(await s.waitForText('[data-testid=klas-rek-error]', (t) => t.length > 0), /Kode klasifikasi wajib diisi/);
    assert.match(await s.waitForText('[data-testid=unit-error]', (t) => t.length > 0), /Kode unit wajib diisi/);
    await s.type('#klas-rek', '000.8.3.3');
    await s.type('#klas-tolak', '000.8.3.3');
    await s.type('#unit', 'DKIS');
    await s.type('#ttd-0-nama', 'Dr. I Gusti Ngurah Rai, S.Kom., M.T.');
    await s.type('#ttd-0-pangkat', 'Pembina Utama Muda (IV/c)');
    await s.type('#ttd-0-nip', '197001011995031001');
    await s.click('[data-testid=settings-save]');
    await s.waitFor('[data-testid=settings-saved]');
  });

  it('imports the trust anchor, refusing a file that is not a certificate', async () => {
    await s.waitFor('[data-testid=anchors-empty]');
    await run(PYTHON, [FIXTURES, '-', join(dir, 'ttd')]);
    await s.type('[data-testid=anchor-file]', FIXTURES);
    await s.click('[data-testid=anchor-import]');
    assert.match(await s.waitForText('[data-testid=anchor-error]', (t) => t.length > 0), /bukan sertifikat/);
    await s.type('[data-testid=anchor-file]', join(dir, 'ttd', 'ca.pem'));
    await s.click('[data-testid=anchor-import]');
    assert.match(await s.waitForText('[data-testid=anchor-row]', (t) => t.includes('CA Uji Loket')), /CA Uji Loket/);
    await s.checkA11y('akar tepercaya');
  });

  it('drafts, numbers, exports and files the signed Surat Rekomendasi of a case', async () => {
    await s.click('[data-testid=nav-new]');
    const data = {
      nama: 'Ni Luh Surat',
      nik: '5171015203950002',
      nik_ulang: '5171015203950002',
      nip: '199503122020122001',
      email: 'surat@denpasarkota.go.id',
      telepon: '081234567890',
      jabatan: 'Pranata Komputer',
      unit_kerja: 'Bidang Persandian',
      instansi: 'Dinas Kominfo',
    };
    for (const [field, value] of Object.entries(data)) await s.type(`#f-${field}`, value);
    await s.tick('[data-testid=privacy-given]');
    await s.click('[data-testid=save]');
    await s.waitForText('[data-testid=case-nomor]', (t) => t.startsWith('REG-'));
    for (const [i, code] of ['surat_permohonan', 'ktp'].entries()) {
      await s.click(`[data-testid=req-${code}]`);
      await s.waitForText('[data-testid=requirements]', (t) => t.split('✓').length - 1 === i + 1);
    }
    await s.click('[data-testid=action-berkas_lengkap]');
    await s.click('[data-testid=action-save]');
    await s.waitForText('[data-testid=case-status]', (t) => t === 'Berkas lengkap');

    // The receipt for the applicant.
    await s.click('[data-testid=receipt-save]');
    const receipt = savedPath(await s.waitForText('[data-testid=letter-notice]', (t) => t.includes('.pdf')));
    const { stdout: receiptText } = await run('pdftotext', [receipt, '-']);
    assert.match(receiptText, /TANDA TERIMA/);

    // Draft: no number, printable with its DRAFT mark.
    await s.click('[data-testid=letter-draft]');
    await s.waitForText('[data-testid=letter-number]', (t) => t === 'DRAF');
    await s.click('[data-testid=letter-print-draft]');
    const draft = savedPath(await s.waitForText('[data-testid=letter-notice]', (t) => t.includes('DRAF')));
    const { stdout: draftRaw } = await run('pdftotext', ['-raw', draft, '-']);
    assert.match(draftRaw, /^DRAFT/);

    // Number it (after a confirmation): the case moves on.
    await s.click('[data-testid=letter-issue]');
    await s.click('[data-testid=confirm-issue-yes]');
    const nomor = await s.waitForText('[data-testid=letter-number]', (t) => t !== 'DRAF');
    assert.match(nomor, /^000\.8\.3\.3\/1\/DKIS\/\d{4}$/);
    await s.waitForText('[data-testid=case-status]', (t) => t === 'Rekomendasi terbit');
    // The step the numbered letter came from is not taken back: the page says
    // to void the letter first.
    assert.ok(
      (await s.waitForText('[data-testid=take-back-blocked]', (t) => t.includes(nomor))).includes('Batalkan surat itu'),
      'a take-back after a numbered letter is refused, naming the letter',
    );
    assert.deepEqual(await s.findAll('[data-testid=take-back]'), []);

    await s.click('[data-testid=letter-export-wet]');
    const wet = savedPath(await s.waitForText('[data-testid=letter-notice]', (t) => t.endsWith('.pdf') && !t.includes('TTE')));
    const { stdout: wetText } = await run('pdftotext', [wet, '-']);
    assert.ok(wetText.includes(nomor), 'the wet-signature PDF carries the number');
    assert.ok((await stat(wet)).size <= 100 * 1024);

    await s.click('[data-testid=letter-export-tte]');
    const tte = savedPath(await s.waitForText('[data-testid=letter-notice]', (t) => t.includes('-TTE.pdf')));
    const { stdout: fields } = await run('python3', ['-c', `import sys; d=open(sys.argv[1],'rb').read(); print(b'/FT /Sig' in d or b'/FT/Sig' in d)`, tte]);
    assert.equal(fields.trim(), 'True', 'the electronic form has an empty signature field');

    // A self-signed certificate: intact, but chained to nothing the office trusts.
    const key = join(dir, 'key.pem');
    const cert = join(dir, 'cert.pem');
    await run('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=Uji Loket', '-keyout', key, '-out', cert]);
    const selfSigned = join(dir, 'surat-ttd-sendiri.pdf');
    await run(PYHANKO, ['sign', 'addsig', '--field', 'TandaTanganElektronik', 'pemder', '--key', key, '--cert', cert, '--no-pass', tte, selfSigned]);
    const refused = async (file, why) => {
      await s.type('[data-testid=signed-file]', file);
      await s.click('[data-testid=signed-attach]');
      assert.match(await s.waitForText('[data-testid=signed-error]', (t) => why.test(t)), why);
      await s.waitFor('[data-testid=letter-row][data-status=terbit]');
    };
    await refused(selfSigned, /tidak sampai ke akar tepercaya/);

    // The signatory's certificate from the office's CA, and a copy changed after signing.
    await run(PYTHON, [FIXTURES, tte, join(dir, 'ttd'), 'Dr. I Gusti Ngurah Rai, S.Kom., M.T.', '197001011995031001', tte]);
    await refused(join(dir, 'ttd', 'appended.pdf'), /setelah ditandatangani/);
    // The unsigned export is not a signed copy unless staff say it is a scan.
    await refused(tte, /tidak bertanda tangan elektronik/);
    await s.screenshot(join(SHOTS, 'surat-ttd-ditolak.png'));

    await s.type('[data-testid=signed-file]', join(dir, 'ttd', 'rsa.pdf'));
    await s.click('[data-testid=signed-attach]');
    const result = await s.waitForText('[data-testid=signed-result]', (t) => t.length > 0);
    assert.match(result, /Tanda tangan elektronik sah: Dr\. I Gusti Ngurah Rai/);
    assert.match(result, /197001011995031001/);
    assert.match(result, /mencakup seluruh berkas/);
    assert.match(result, /ekspor TTE Loket untuk surat ini/);
    await s.waitFor('[data-testid=letter-row][data-status=final]');
    await s.screenshot(join(SHOTS, 'surat-final.png'));

    // The same verdicts from `loket verify-pdf`, for staff without the app
    // open: exit 0 only for a valid signature chained to the named anchor.
    const ca = join(dir, 'ttd', 'ca.pem');
    const verify = async (file, ...trust) => {
      try {
        const { stdout } = await run(APP, ['verify-pdf', file, ...trust.flatMap((t) => ['--trust', t])]);
        return { code: 0, stdout };
      } catch (e) {
        return { code: e.code, stdout: e.stdout };
      }
    };
    const good = await verify(join(dir, 'ttd', 'rsa.pdf'), ca);
    assert.equal(good.code, 0, good.stdout);
    assert.match(good.stdout, /Status: SAH/);
    assert.match(good.stdout, /Penanda tangan: Dr\. I Gusti Ngurah Rai/);
    for (const [file, trust, status] of [
      ['rsa.pdf', [], /TIDAK TEPERCAYA/],
      ['appended.pdf', [ca], /Status: TIDAK SAH/],
      ['fake.pdf', [ca], /Status: TIDAK SAH/],
      ['flipped.pdf', [ca], /Status: TIDAK SAH/],
      ['expired.pdf', [ca], /Status: TIDAK SAH/],
    ]) {
      const r = await verify(join(dir, 'ttd', file), ...trust);
      assert.equal(r.code, 2, `${file}: ${r.stdout}`);
      assert.match(r.stdout, status, file);
    }
    const unsigned = await verify(tte, ca);
    assert.equal(unsigned.code, 2);
    assert.match(unsigned.stdout, /TIDAK BERTANDA TANGAN/);
    await s.checkA11y('surat pada halaman permohonan');

    // The register lists it with its number.
    await s.click('[data-testid=nav-letters]');
    assert.match(await s.waitForText('[data-testid=letter-register]', (t) => t.includes(nomor)), /Final/);
    await s.checkA11y('register surat');
  });
});
