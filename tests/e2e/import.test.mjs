// End-to-end: bringing the office's spreadsheet in. A file that is not a
// table is refused under the file field; the mapping without a required
// column is refused under that column's list; the dry run lists the refused
// rows (a bad NIK, a duplicate row) and writes nothing; the import asks
// first ("Batal" changes nothing), then writes; the same file again adds
// nothing; the refused rows are saved as a spreadsheet openpyxl reads; the
// audit log verifies.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { freshDesk } from './webdriver.mjs';

const run = promisify(execFile);
const APP = process.env.LOKET_APP;
assert.ok(APP, 'LOKET_APP must name the built app binary (make test sets it)');
const SHOTS = join(process.cwd(), 'target', 'e2e');
const PYTHON = join(process.cwd(), 'target', 'pytools', 'bin', 'python');

const CSV = [
  'No;Nama Pegawai;NIK;E-mail;No HP;Jabatan;Unit Kerja;OPD;Tgl Terbit;Berlaku Sampai;No Seri',
  '1;Ni Wayan Impor;5171014506900011;wayan.impor@denpasarkota.go.id;081234560011;Analis;Bidang TI;Dinas Kominfo;06/01/2025;06/01/2027;SN-E2E-1',
  '2;I Made Impor;5171011207880012;made.impor@denpasarkota.go.id;081234560012;Staf;Sekretariat;Dinas Kominfo;;;',
  '3;Ketut Salah;51710112078800;ketut@denpasarkota.go.id;081234560013;Staf;Umum;Dinas Kominfo;;;',
  '4;I Made Impor;5171011207880012;made.impor@denpasarkota.go.id;081234560012;Staf;Sekretariat;Dinas Kominfo;;;',
].join('\n');

describe('import of an office spreadsheet', () => {
  let desk;
  let s;
  let dir;
  let sql;
  let db;

  before(async () => {
    await mkdir(SHOTS, { recursive: true });
    desk = await freshDesk(APP, 'loket-e2e-import-');
    ({ s, dir, sql, db } = desk);
  });

  after(async () => {
    await desk?.close();
  });

  it('refuses a file that is not a table and a mapping without a required column, next to the field', async () => {
    await s.click('[data-testid=nav-import]');
    await s.waitFor('[data-testid=import]');
    const junk = join(dir, 'bukan.xlsx');
    await writeFile(junk, 'ini bukan buku kerja');
    await s.type('[data-testid=imp-file]', junk);
    assert.match(await s.waitForText('[data-testid=imp-file-error]', (t) => t.length > 0), /bukan buku kerja/);

    const csv = join(dir, 'pegawai.csv');
    await writeFile(csv, CSV);
    await s.type('[data-testid=imp-file]', csv);
    assert.match(await s.waitForText('[data-testid=imp-rows]', (t) => t.length > 0), /4 baris data di pegawai\.csv/);
    await s.waitGone('[data-testid=imp-file-error]');
    // The columns were recognised by their names; the e-mail's is taken away.
    assert.equal(await s.execute('return document.querySelector("#imp-map-nama").value'), 'Nama Pegawai');
    await s.setValue('#imp-map-email', '');
    await s.click('[data-testid=imp-check]');
    assert.match(await s.waitForText('[data-testid=imp-map-email-error]', (t) => t.length > 0), /E-mail: wajib/);
    assert.equal(await sql('select count(*) from applicants'), '0');
    await s.setValue('#imp-map-email', 'E-mail');
  });

  it('lists the refused rows in the dry run, writes nothing, and imports after the confirmation', async () => {
    await s.click('[data-testid=imp-check]');
    await s.waitFor('[data-testid=imp-report]');
    assert.equal(await s.textOf('[data-testid=imp-new]'), '2');
    assert.equal(await s.textOf('[data-testid=imp-refused]'), '2');
    const refused = await s.textOf('[data-testid=imp-refused-rows]');
    assert.match(refused, /4\s*Ketut Salah\s*NIK/);
    assert.match(refused, /5\s*I Made Impor\s*Baris ganda: sama dengan baris 3/);
    assert.equal(await sql('select count(*) from applicants'), '0', 'the dry run writes nothing');
    await s.checkA11y('impor data');

    await s.click('[data-testid=imp-run]');
    assert.match(await s.textOf('[data-testid=imp-confirm]'), /Impor 4 baris\? 2 orang baru dan 1 sertifikat baru dicatat/);
    await s.click('[data-testid=imp-confirm-no]');
    await s.waitGone('[data-testid=imp-confirm]');
    assert.equal(await sql('select count(*) from applicants'), '0', 'Batal changes nothing');

    await s.click('[data-testid=imp-run]');
    await s.click('[data-testid=imp-confirm-yes]');
    await s.waitFor('[data-testid=imp-done]');
    assert.equal(await sql('select count(*) from applicants'), '2');
    assert.equal(await sql("select source || ' ' || valid_to from certificates"), 'luar 2027-01-06');
    assert.match(await s.textOf('[data-testid=imp-history] tbody tr'), /pegawai\.csv\s*selesai \(4\/4\)\s*2\s*1\s*0\s*2/);
    await s.screenshot(join(SHOTS, 'import.png'));
  });

  it('adds nothing twice when the same file comes again, and saves the refused rows as a spreadsheet', async () => {
    const csv = join(dir, 'pegawai.csv');
    await s.type('[data-testid=imp-file]', csv);
    assert.match(await s.waitForText('[data-testid=imp-before]', (t) => t.length > 0), /sudah diimpor/);
    await s.click('[data-testid=imp-check]');
    await s.waitForText('[data-testid=imp-already]', (t) => t === '2');
    assert.equal(await s.textOf('[data-testid=imp-new]'), '0');
    await s.click('[data-testid=imp-run]');
    await s.click('[data-testid=imp-confirm-yes]');
    await s.waitFor('[data-testid=imp-done]');
    assert.equal(await sql('select count(*) from applicants'), '2');
    assert.equal(await sql('select count(*) from certificates'), '1');

    await s.click('[data-testid=imp-save-refused]');
    // Saved in the desk's Downloads folder; the notice gives the path.
    const saved = (await s.waitForText('[data-testid=imp-saved]', (t) => t.includes('.xlsx'))).replace(/^Disimpan: /, '').replace(/\. Perbaiki.*$/, '');
    const { stdout } = await run(PYTHON, [
      '-c',
      'import sys, openpyxl\nws = openpyxl.load_workbook(sys.argv[1]).active\nprint([[c.value for c in r] for r in ws.iter_rows()][1:])',
      saved,
    ]);
    await rm(saved, { force: true });
    assert.match(stdout, /'Ketut Salah', '51710112078800'/);
    assert.match(stdout, /Baris ganda/);
    const { stdout: verdict } = await run(APP, ['audit-verify'], { env: { ...process.env, LOKET_DATABASE_URL: `sqlite:${db}?mode=rwc` } });
    assert.match(verdict, /Log audit utuh/);
  });
});
