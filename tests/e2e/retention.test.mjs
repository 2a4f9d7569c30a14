// End-to-end: the admin's retention screen. A period out of bounds is refused
// under its field; a kiosk submission handled in 2020 (seeded straight into
// the database file: the app cannot be made to receive it in the past) is
// listed as due; "Batal" on the confirmation destroys nothing; confirmed, it
// is deleted, the run is in the history and its berita acara is a PDF that
// pdftotext reads; the audit log still verifies.
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

describe('retention run', () => {
  let desk;
  let s;
  let sql;
  let db;

  before(async () => {
    desk = await freshDesk(APP, 'loket-e2e-retention-');
    ({ s, sql, db } = desk);
  });

  after(async () => {
    await desk?.close();
  });

  it('refuses a period out of bounds under its field', async () => {
    await s.click('[data-testid=nav-retention]');
    await s.waitFor('[data-testid=rt-none]');
    assert.equal(await s.execute('return document.querySelector("#rt-pemohon_tahun").value'), '5');
    await s.setValue('#rt-kiosk_hari', '3');
    await s.setValue('#rt-berkas_tahun', 'dua');
    await s.click('[data-testid=rt-save-periods]');
    assert.match(await s.waitForText('[data-testid=rt-berkas_tahun-error]', (t) => t.length > 0), /bilangan bulat/);
    await s.setValue('#rt-berkas_tahun', '2');
    await s.click('[data-testid=rt-save-periods]');
    assert.match(await s.waitForText('[data-testid=rt-kiosk_hari-error]', (t) => t.length > 0), /antara 7 dan 3650 hari/);
    assert.equal(await sql("select count(*) from settings where key = 'retensi'"), '0');
    await s.setValue('#rt-kiosk_hari', '90');
    await s.click('[data-testid=rt-save-periods]');
    await s.waitForText('[data-testid=rt-message]', (t) => t.includes('disimpan'));
  });

  it('lists what is due, destroys nothing on Batal, and destroys it after the confirmation', async () => {
    await run('python3', ['-c', `import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
c.execute("insert into kiosk_inbox (nomor, layanan, kiosk, received_at, sealed, status, handled_by, handled_at, reason) values ('REG-2020-000042', 'penerbitan', 'kios-1', '2020-02-03 09:00:00+08:00', x'00', 'dibuang', 'Petugas', '2020-02-03 10:00:00+08:00', 'ganda')")
c.commit()`, db]);
    await s.click('[data-testid=nav-home]');
    await s.click('[data-testid=nav-retention]');
    const row = await s.waitForText('[data-testid=rt-items] tbody tr', (t) => t.length > 0);
    assert.match(row, /Kiriman kiosk.*REG-2020-000042\s*03\/02\/2020\s*03\/05\/2020/);
    await s.click('[data-testid=rt-run]');
    assert.match(await s.textOf('[data-testid=rt-confirm]'), /1 data akan dihapus atau dianonimkan/);
    await s.screenshot(join(process.cwd(), 'target', 'e2e', 'retention.png'));
    await s.click('[data-testid=rt-cancel]');
    await s.waitGone('[data-testid=rt-confirm]');
    assert.equal(await sql('select count(*) from kiosk_inbox'), '1', 'Batal destroys nothing');
    await s.checkA11y('retensi');

    await s.click('[data-testid=rt-run]');
    await s.click('[data-testid=rt-run-confirmed]');
    assert.match(await s.waitForText('[data-testid=rt-message]', (t) => t.includes('BA-')), /1 data dimusnahkan; berita acara BA-RETENSI-\d{4}-0001/);
    assert.equal(await sql('select count(*) from kiosk_inbox'), '0');
    await s.waitFor('[data-testid=rt-none]');
    assert.match(await s.textOf('[data-testid=rt-history] tbody tr'), /BA-RETENSI-\d{4}-0001.*1/);

    await s.click('[data-testid=rt-report]');
    const saved = (await s.waitForText('[data-testid=rt-message]', (t) => t.includes('.pdf'))).replace(/^Tersimpan di /, '');
    const { stdout } = await run('pdftotext', [saved, '-']);
    await rm(saved, { force: true });
    const flat = stdout.split(/\s+/).join(' ');
    assert.match(flat, /BERITA ACARA PEMUSNAHAN DATA PRIBADI/);
    assert.match(flat, /Kiriman kiosk REG-2020-000042/);
    const { stdout: verdict } = await run(APP, ['audit-verify'], { env: { ...process.env, LOKET_DATABASE_URL: `sqlite:${db}?mode=rwc` } });
    assert.match(verdict, /Log audit utuh/);
  });
});
