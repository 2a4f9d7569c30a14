// End-to-end: a collective request from an OPD. The roster comes from the
// OPD's CSV; a row with a bad NIK and a row repeating another's NIK are
// refused under their cells and nothing is saved; mended, the request opens
// one case per employee; each case is completed on its own page; the
// collective Surat Rekomendasi is drafted for the complete ones only; and
// the retention screen (admin) lists nothing of these new records as due.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { freshDesk } from './webdriver.mjs';
import { step, tickRequired } from './desk.mjs';

const APP = process.env.LOKET_APP;
assert.ok(APP, 'LOKET_APP must name the built app binary (make test sets it)');
const SHOTS = join(process.cwd(), 'target', 'e2e');

const ROSTER = [
  'No,Nama,NIK,NIP,Jabatan,Unit Kerja,Email,No HP,OPD',
  '1,Ni Wayan Kolektif,5171014506900021,,Guru,SD 1,wayan.kol@denpasarkota.go.id,081234560021,Dinas Pendidikan',
  '2,I Made Kolektif,51710112078800,,Guru,SD 2,made.kol@denpasarkota.go.id,081234560022,Dinas Pendidikan',
  '3,Ketut Kolektif,5171014506900021,,Guru,SD 3,ketut.kol@denpasarkota.go.id,081234560023,Dinas Pendidikan',
].join('\n');

describe('a collective request from an OPD', () => {
  let desk;
  let s;
  let dir;
  let sql;

  before(async () => {
    await mkdir(SHOTS, { recursive: true });
    desk = await freshDesk(APP, 'loket-e2e-collective-');
    ({ s, dir, sql } = desk);
  });

  after(async () => {
    await desk?.close();
  });

  it('refuses the bad rows under their cells and saves nothing', async () => {
    await s.click('[data-testid=nav-collective]');
    await s.click('[data-testid=kol-new]');
    await s.waitFor('[data-testid=kol-form]');
    const file = join(dir, 'daftar-pegawai.csv');
    await writeFile(file, ROSTER);
    await s.type('[data-testid=kol-file]', file);
    await s.waitForText('[data-testid=kol-count]', (t) => t.startsWith('3 baris'));
    // The OPD came from the file's column.
    assert.equal(await s.execute('return document.querySelector("#kol-instansi").value'), 'Dinas Pendidikan');
    // A row added and left empty is not part of the roster.
    await s.click('[data-testid=kol-add]');
    await s.waitForText('[data-testid=kol-count]', (t) => t.startsWith('4 baris'));
    await s.click('[data-testid=kol-save]');
    assert.match(await s.waitForText('[data-testid=kol-surat_nomor-error]', (t) => t.length > 0), /nomor surat/);
    await s.type('#kol-surat_nomor', '800/45/DISDIK/2026');
    await s.type('#kol-surat_tanggal', '30/11/2026');
    await s.click('[data-testid=kol-save]');
    assert.match(await s.waitForText('[data-testid=kol-1-nik-error]', (t) => t.length > 0), /16 digit/);
    assert.match(await s.textOf('[data-testid=kol-2-nik-error]'), /sama dengan baris 1/);
    assert.match(await s.textOf('[data-testid=kol-refused]'), /2 baris belum benar/);
    assert.equal(await sql('select count(*) from cases'), '0');
    assert.equal(await sql('select count(*) from applicants'), '0');
    await s.screenshot(join(SHOTS, 'collective-refused.png'));
    await s.checkA11y('permohonan kolektif');
  });

  it('opens one case per employee once the rows are mended', async () => {
    await s.setValue('[data-testid=kol-1-nik]', '5171011207880022');
    await s.setValue('[data-testid=kol-2-nik]', '5171014506900023');
    await s.click('[data-testid=kol-save]');
    assert.match(await s.waitForText('[data-testid=kol-message]', (t) => t.length > 0), /KOLEKTIF-\d{4}-0001 dibuka: 3 permohonan/);
    const rows = await s.textsOf('[data-testid=kol-cases] tbody tr');
    assert.equal(rows.length, 3);
    assert.match(rows[0], /REG-.*Ni Wayan Kolektif/);
    assert.match(rows[2], /REG-.*Ketut Kolektif/);
    assert.equal(await sql('select count(*) from cases'), '3');
    assert.equal(await sql('select count(*) from collective_cases'), '3');
    assert.equal(await sql("select count(distinct nomor) from cases where instansi = 'Dinas Pendidikan'"), '3');
    await s.screenshot(join(SHOTS, 'collective.png'));
  });

  it('drafts the collective letter for the complete cases only', async () => {
    // Two of the three files are complete; each case on its own page, opened from the request.
    for (const n of [0, 1]) {
      if (n > 0) {
        await s.click('[data-testid=nav-collective]');
        await s.click('[data-testid=kol-open]');
      }
      await s.waitFor('[data-testid=kol-cases]');
      await s.click(`[data-testid=kol-cases] tbody tr:nth-child(${n + 1}) button`);
      await s.waitForText('[data-testid=case-nomor]', (t) => t.startsWith('REG-'));
      await tickRequired(s, ['surat_permohonan', 'ktp']);
      await step(s, 'berkas_lengkap');
    }
    await s.click('[data-testid=nav-collective]');
    assert.match(await s.waitForText('[data-testid=kol-list] tbody tr', (t) => t.length > 0), /KOLEKTIF.*Dinas Pendidikan\s*Penerbitan.*800\/45\/DISDIK\/2026\s*3\s*2\s*0/i);
    await s.click('[data-testid=kol-open]');
    await s.waitFor('[data-testid=kol-cases]');
    assert.match(await s.textOf('[data-testid=kol-draft]'), /2 permohonan lengkap/);
    // The letter needs its signatory's name: refused until the settings have it.
    await s.click('[data-testid=kol-draft]');
    assert.match(await s.waitForText('[data-testid=kol-error]', (t) => t.length > 0), /Nama penandatangan belum diisi/);
    assert.equal(await sql('select count(*) from letters'), '0');
    await s.click('[data-testid=nav-letter-settings]');
    await s.waitFor('[data-testid=letter-settings]');
    await s.type('#ttd-0-nama', 'Dr. I Gusti Ngurah Rai, S.Kom., M.T.');
    // The office's own codes: Loket ships none.
    await s.type('#klas-rek', '000.8.3.3');
    await s.type('#klas-tolak', '000.8.3.3');
    await s.type('#unit', 'DKIS');
    await s.click('[data-testid=settings-save]');
    await s.waitFor('[data-testid=settings-saved]');
    await s.click('[data-testid=nav-collective]');
    await s.click('[data-testid=kol-open]');
    await s.waitFor('[data-testid=kol-cases]');
    await s.click('[data-testid=kol-draft]');
    assert.match(await s.waitForText('[data-testid=kol-letter]', (t) => t.length > 0), /draf.*\(2\)/);
    assert.equal(await sql("select count(*) from letters where status = 'draf'"), '1');
    assert.equal(await sql('select count(*) from letter_cases'), '2');
    // Nothing is left to draft until the third file is complete.
    assert.match(await s.textOf('[data-testid=kol-draft]'), /0 permohonan lengkap/);
  });
});
