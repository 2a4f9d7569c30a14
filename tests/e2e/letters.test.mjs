// End-to-end: letters through the real app. The letter settings refuse a
// missing signatory next to the field; a Surat Rekomendasi Pendaftaran is
// drafted from a complete case, numbered, exported for a wet and for an
// electronic signature, signed by a real signer (pyHanko, throwaway
// certificate) and filed back as final.
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
    await s.type('#ttd-0-nama', 'Dr. I Gusti Ngurah Rai, S.Kom., M.T.');
    await s.type('#ttd-0-pangkat', 'Pembina Utama Muda (IV/c)');
    await s.type('#ttd-0-nip', '197001011995031001');
    await s.click('[data-testid=settings-save]');
    await s.waitFor('[data-testid=settings-saved]');
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

    await s.click('[data-testid=letter-export-wet]');
    const wet = savedPath(await s.waitForText('[data-testid=letter-notice]', (t) => t.endsWith('.pdf') && !t.includes('TTE')));
    const { stdout: wetText } = await run('pdftotext', [wet, '-']);
    assert.ok(wetText.includes(nomor), 'the wet-signature PDF carries the number');
    assert.ok((await stat(wet)).size <= 100 * 1024);

    await s.click('[data-testid=letter-export-tte]');
    const tte = savedPath(await s.waitForText('[data-testid=letter-notice]', (t) => t.includes('-TTE.pdf')));
    const { stdout: fields } = await run('python3', ['-c', `import sys; d=open(sys.argv[1],'rb').read(); print(b'/FT /Sig' in d or b'/FT/Sig' in d)`, tte]);
    assert.equal(fields.trim(), 'True', 'the electronic form has an empty signature field');

    // A real signer fills the field with a throwaway certificate.
    const key = join(dir, 'key.pem');
    const cert = join(dir, 'cert.pem');
    await run('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=Uji Loket', '-keyout', key, '-out', cert]);
    const signed = join(dir, 'surat-ttd.pdf');
    await run(PYHANKO, ['sign', 'addsig', '--field', 'TandaTanganElektronik', 'pemder', '--key', key, '--cert', cert, '--no-pass', tte, signed]);

    await s.type('[data-testid=signed-file]', signed);
    await s.click('[data-testid=signed-attach]');
    const result = await s.waitForText('[data-testid=signed-result]', (t) => t.length > 0);
    assert.match(result, /mencakup seluruh berkas/);
    assert.match(result, /berawal dari ekspor TTE Loket/);
    await s.waitFor('[data-testid=letter-row][data-status=final]');
    await s.screenshot(join(SHOTS, 'surat-final.png'));
    await s.checkA11y('surat pada halaman permohonan');

    // The register lists it with its number.
    await s.click('[data-testid=nav-letters]');
    assert.match(await s.waitForText('[data-testid=letter-register]', (t) => t.includes(nomor)), /Final/);
    await s.checkA11y('register surat');
  });
});
