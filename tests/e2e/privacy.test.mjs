// End-to-end: the admin's data-protection screens. The record of processing
// names BSrE and prints; an incident with missing answers is refused under
// each field and nothing is saved; a recorded incident shows its 3 x 24 h due
// time; a notice time before the finding is refused under the field; the
// notice letter is saved as a PDF pdftotext reads.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { freshDesk } from './webdriver.mjs';

const run = promisify(execFile);
const APP = process.env.LOKET_APP;
assert.ok(APP, 'LOKET_APP must name the built app binary (make test sets it)');

describe('data-protection screens', () => {
  let desk;
  let s;
  let sql;

  before(async () => {
    desk = await freshDesk(APP, 'loket-e2e-privacy-');
    ({ s, sql } = desk);
  });

  after(async () => {
    await desk?.close();
  });

  it('shows the record of processing with BSrE as recipient', async () => {
    await s.click('[data-testid=nav-processing]');
    const first = await s.waitForText('[data-testid=pr-activity]', (t) => t.length > 0);
    assert.match(first, /BSrE/);
    assert.match(first, /Foto KTP/);
    await s.checkA11y('catatan pemrosesan');
  });

  it('names the data-protection officer and the impact assessment, refusing a contact that is none', async () => {
    assert.match(await s.textOf('[data-testid=pr-officer]'), /BELUM DITETAPKAN/);
    assert.match(await s.textOf('[data-testid=pr-dpia]'), /BELUM DITETAPKAN/);
    await s.type('#pdp-nama', 'Ni Luh Putu Ayu, S.H.');
    await s.type('#pdp-jabatan', 'Sekretaris Dinas');
    await s.type('#pdp-kontak', 'kantor dinas');
    await s.type('#pdp-dpia-tanggal', '31/02/2026');
    await s.click('[data-testid=pr-duties-save]');
    assert.match(await s.waitForText('[data-testid=pdp-kontak-error]', (t) => t.length > 0), /surel atau nomor telepon/);
    assert.match(await s.textOf('[data-testid=pdp-dpia-tanggal-error]'), /bukan tanggal/);
    assert.match(await s.textOf('[data-testid=pdp-dpia-hasil-error]'), /wajib diisi/i);
    assert.equal(await sql("select count(*) from settings where key = 'pelindungan_data'"), '0', 'nothing saved half way');
    await s.type('#pdp-kontak', 'pdp@denpasarkota.go.id');
    await s.type('#pdp-dpia-tanggal', '02/11/2026');
    await s.type('#pdp-dpia-hasil', 'Foto KTP dienkripsi dan dihapus dua tahun setelah permohonan selesai.');
    await s.click('[data-testid=pr-duties-save]');
    await s.waitFor('[data-testid=pr-duties-saved]');
    assert.match(await s.waitForText('[data-testid=pr-officer]', (t) => t.includes('Ayu')), /Sekretaris Dinas; pdp@denpasarkota\.go\.id/);
    assert.match(await s.textOf('[data-testid=pr-dpia]'), /02\/11\/2026/);
  });

  it('refuses an incomplete incident next to each field, then records one due in 3 x 24 hours', async () => {
    await s.click('[data-testid=nav-breaches]');
    await s.waitFor('[data-testid=br-form]');
    await s.type('#br-ditemukan', '31/02/2026 10:00');
    await s.click('[data-testid=br-save]');
    assert.match(await s.waitForText('[data-testid=br-ditemukan-error]', (t) => t.length > 0), /tanggal dan jam/);
    assert.match(await s.textOf('[data-testid=br-uraian-error]'), /wajib diisi/);
    assert.match(await s.textOf('[data-testid=br-jumlah_subjek-error]'), /jumlah orang/);
    assert.equal(await sql('select count(*) from breaches'), '0');

    // Found an hour ago; due 72 hours after that, as the desk's clock reads.
    const [found, due] = await s.execute(`const p = (n) => String(n).padStart(2, '0');
      const f = (d) => p(d.getDate()) + '/' + p(d.getMonth() + 1) + '/' + d.getFullYear() + ' ' + p(d.getHours()) + ':' + p(d.getMinutes());
      const at = Math.floor((Date.now() - 3600e3) / 60e3) * 60e3;
      return [f(new Date(at)), f(new Date(at + 72 * 3600e3))];`);
    await s.type('#br-ditemukan', found);
    await s.type('[data-testid=br-uraian]', 'Berkas ekspor terkirim ke alamat surel yang salah.');
    await s.type('[data-testid=br-data_terdampak]', 'Nama dan e-mail 3 pemohon');
    await s.type('[data-testid=br-subjek]', 'Pemohon Dinas Pendidikan');
    await s.type('[data-testid=br-langkah]', 'Penerima diminta menghapus; pemohon dihubungi.');
    await s.type('#br-jumlah_subjek', '3');
    await s.click('[data-testid=br-save]');
    assert.match(await s.waitForText('[data-testid=br-message]', (t) => t.includes('INSIDEN')), /INSIDEN-\d{4}-0001 dicatat/);
    const row = await s.textOf('[data-testid=br-list] tbody tr');
    assert.match(row, /Pemohon Dinas Pendidikan \(3\)/);
    assert.ok(row.includes(due), `due ${due} in ${row}`);
    await s.screenshot(join(process.cwd(), 'target', 'e2e', 'breaches.png'));
    await s.checkA11y('register insiden');
  });

  it('refuses a notice before the finding, records one, and saves the notice letter', async () => {
    await s.click('[data-testid=br-tell-subjek]');
    // A year typed wrong is caught as such.
    await s.type('#br-pada', '01/01/2020 08:00');
    await s.click('[data-testid=br-tell-save]');
    assert.match(await s.waitForText('[data-testid=br-pada-error]', (t) => t.length > 0), /lebih dari setahun/);
    // Two hours ago: before the incident was found, an hour ago.
    const before = await s.execute(`const d = new Date(Date.now() - 2 * 3600e3); const p = (n) => String(n).padStart(2, '0');
      return p(d.getDate()) + '/' + p(d.getMonth() + 1) + '/' + d.getFullYear() + ' ' + p(d.getHours()) + ':' + p(d.getMinutes());`);
    await s.type('#br-pada', before);
    await s.click('[data-testid=br-tell-save]');
    assert.match(await s.waitForText('[data-testid=br-pada-error]', (t) => /sebelum/.test(t)), /sebelum insiden ditemukan/);
    const now = await s.execute(`const d = new Date(); const p = (n) => String(n).padStart(2, '0');
      return p(d.getDate()) + '/' + p(d.getMonth() + 1) + '/' + d.getFullYear() + ' ' + p(d.getHours()) + ':' + p(d.getMinutes());`);
    await s.type('#br-pada', now);
    await s.click('[data-testid=br-tell-save]');
    await s.waitGone('[data-testid=br-tell]');
    assert.equal(await sql('select count(*) from breaches where subjek_diberitahu_at is not null'), '1');
    await s.click('[data-testid=br-notice]');
    const saved = (await s.waitForText('[data-testid=br-message]', (t) => t.includes('.pdf'))).replace(/^Tersimpan di /, '').trim();
    const { stdout } = await run('pdftotext', [saved, '-']);
    assert.match(stdout, /PEMBERITAHUAN KEGAGALAN PELINDUNGAN DATA PRIBADI/);
    assert.match(stdout, /Berkas ekspor terkirim/);
    await rm(saved, { force: true });
  });
});
