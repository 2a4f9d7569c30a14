// End-to-end: the service standard, the working-day calendar and the
// dashboard through the real app. The standard refuses a bad time next to
// the field and saves nothing, a changed standard recomputes every open
// case (a case moved back in time with sqlite3 turns overdue), each count
// on the dashboard opens a list of exactly that many cases, the standard
// prints as a PDF, and a year is imported from a CSV only after its preview.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Session, firstRun, startDriver } from './webdriver.mjs';
import { intake, person, step, tickRequired } from './desk.mjs';

const APP = process.env.LOKET_APP;
assert.ok(APP, 'LOKET_APP must name the built app binary (make test sets it)');
const SHOTS = join(process.cwd(), 'target', 'e2e');
const run = promisify(execFile);

describe('the service standard, the calendar and the dashboard through the real app', () => {
  let driver;
  let s;
  let dir;
  let db;
  const nomor = {};

  const sql = async (q) => (await run('sqlite3', [db, q])).stdout.trim();

  async function tile(id) {
    await s.click('[data-testid=nav-home]');
    return Number(await s.waitForText(`[data-testid=dash-${id}-n]`, (t) => /^\d+$/.test(t)));
  }

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'loket-e2e-std-'));
    db = join(dir, 'loket.sqlite3');
    await mkdir(SHOTS, { recursive: true });
    driver = await startDriver({ LOKET_DATABASE_URL: `sqlite:${db}?mode=rwc` });
    s = await Session.start(driver.base, APP);
    await firstRun(s);
    await s.waitFor('[data-testid=dashboard]');
  });

  after(async () => {
    await s?.close();
    driver?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('starts the day on a dashboard of zeros', async () => {
    for (const id of ['jatuh_tempo_hari_ini', 'terlambat', 'baru', 'menunggu_pemohon', 'menunggu_bsre', 'kiosk_baru']) {
      assert.equal(await s.textOf(`[data-testid=dash-${id}-n]`), '0', id);
    }
    // The office has not chosen its deadline rules yet: the dashboard asks.
    assert.ok(
      (await s.textsOf('[data-testid=dash-warning]')).some((w) => w.startsWith('Aturan tenggat belum dipilih kantor')),
      'the dashboard asks for the deadline rules',
    );
    await s.checkA11y('beranda');
  });

  it('takes three walk-ins: one complete, one missing a document, one not yet checked', async () => {
    nomor.lengkap = await intake(s, person('11', 'Wayan Lengkap', '196711101992031011'));
    await tickRequired(s, ['surat_permohonan', 'ktp']);
    await step(s, 'berkas_lengkap');
    nomor.kurang = await intake(s, person('12', 'Made Kurang', '196711101992031012'));
    await step(s, 'berkas_kurang', { '#act-first': 'Surat permohonan belum ditandatangani.' });
    nomor.baru = await intake(s, person('13', 'Nyoman Baru', '196711101992031013'));
    assert.equal(await tile('baru'), 1);
    assert.equal(await tile('menunggu_pemohon'), 1);
  });

  it('refuses a standard of 0 working days next to the field and saves nothing', async () => {
    await s.click('[data-testid=nav-standard]');
    await s.waitFor('[data-testid=std-0-hari]');
    await s.type('[data-testid=std-0-hari]', '0');
    await s.click('[data-testid=standard-save]');
    assert.match(await s.waitForText('[data-testid=std-0-hari-error]', (t) => t.length > 0), /1 sampai 60/);
    assert.match(await s.textOf('[data-testid=standard-rules-error]'), /Pilih kedua aturan tenggat/, 'the rules are not picked for the office');
    assert.equal(await sql("select count(*) from settings where key = 'standar_pelayanan'"), '0');
    await s.checkA11y('standar pelayanan');
  });

  it('recomputes every open case when the standard changes: a case from three weeks ago turns overdue', async () => {
    // The attack-free way to be three weeks late: the case's history moved
    // back with sqlite3, as if it had been complete since 02/11.
    const id = await sql(`select id from cases where nomor = '${nomor.lengkap}'`);
    await sql(`update case_events set at = '2026-11-02' || substr(at, 11) where case_id = ${id}`);
    assert.equal(await tile('terlambat'), 0, 'the kept deadline is recomputed only when its inputs change');
    await s.click('[data-testid=nav-standard]');
    await s.type('[data-testid=std-0-hari]', '5');
    // A range, promised by its upper bound: 1 s.d. 5 hari kerja.
    await s.type('[data-testid=std-0-hari-min]', '1');
    // The office chooses its two deadline rules knowingly, with the screen's examples.
    assert.match(await s.textOf('[data-testid=standard-rules-state]'), /belum memilih/);
    await s.click('[data-testid=std-bsre-dihitung]');
    await s.click('[data-testid=std-akhir-akhir_hari]');
    await s.screenshot(join(SHOTS, 'aturan-tenggat.png'));
    await s.click('[data-testid=standard-rules-save]');
    await s.waitFor('[data-testid=standard-saved]');
    assert.match(await s.textOf('[data-testid=standard-rules-state]'), /Dipilih kantor/);
    assert.match(await sql("select detail from audit_log where action = 'settings.standard'"), /"akhir_tenggat":"akhir_hari"/);
    assert.equal(await tile('terlambat'), 1);
    assert.ok(
      !(await s.textsOf('[data-testid=dash-warning]')).some((w) => w.startsWith('Aturan tenggat')),
      'chosen: the dashboard no longer asks',
    );
    await s.screenshot(join(SHOTS, 'beranda.png'));
  });

  it('opens from each count a list of exactly that many cases', async () => {
    for (const [id, names] of [
      ['terlambat', ['Wayan Lengkap']],
      ['menunggu_pemohon', ['Made Kurang']],
      ['baru', ['Nyoman Baru']],
      ['jatuh_tempo_hari_ini', []],
    ]) {
      const n = await tile(id);
      assert.equal(n, names.length, id);
      if (n === 0) continue;
      await s.click(`[data-testid=dash-${id}]`);
      await s.waitFor('[data-testid=group-chip]');
      await s.waitFor('[data-testid=case-row]');
      assert.deepEqual(await s.textsOf('[data-testid=case-row] td:nth-child(2)'), names, id);
    }
    // The overdue row says so in its deadline column.
    await s.click('[data-testid=nav-home]');
    await s.click('[data-testid=dash-terlambat]');
    assert.match(await s.waitForText('[data-testid=row-due]', (t) => t.length > 0), /lewat \d+ hk/);
    assert.deepEqual(await s.execute("return [...document.querySelectorAll('[data-testid=row-due]')].map((e) => e.dataset.tone);"), ['late']);
    await s.screenshot(join(SHOTS, 'daftar-terlambat.png'));
    await s.click('[data-testid=group-clear]');
    await s.waitForText('[data-testid=page-info]', (t) => /3 permohonan/.test(t));
  });

  it('takes a noon break Monday to Thursday, refusing one outside the hours', async () => {
    await s.click('[data-testid=nav-calendar]');
    await s.waitFor('[data-testid=cal-hours]');
    await s.type('[data-testid=hours-0-rest-from]', '13:00');
    await s.type('[data-testid=hours-0-rest-to]', '12:00');
    await s.click('[data-testid=hours-save]');
    assert.match(await s.waitForText('[data-testid=hours-0-error]', (t) => t.length > 0), /Istirahat harus di dalam jam buka/);
    assert.equal(await sql("select count(*) from settings where key = 'jam_layanan'"), '0', 'nothing saved');
    for (const day of [0, 1, 2, 3]) {
      await s.type(`[data-testid=hours-${day}-rest-from]`, '12:00');
      await s.type(`[data-testid=hours-${day}-rest-to]`, '13:00');
    }
    await s.click('[data-testid=hours-save]');
    await s.waitFor('[data-testid=hours-saved]');
    assert.match(await sql("select value from settings where key = 'jam_layanan'"), /"istirahat_mulai":"12:00"/);
  });

  it('prints the standard as a PDF with the saved time', async () => {
    await s.click('[data-testid=nav-standard]');
    await s.click('[data-testid=standard-pdf]');
    const notice = await s.waitForText('[data-testid=standard-exported]', (t) => t.includes('.pdf'));
    const file = notice.replace(/^Tersimpan di /, '').trim();
    const { stdout } = await run('pdftotext', ['-layout', file, '-']);
    assert.match(stdout, /STANDAR PELAYANAN PENGGUNAAN SERTIFIKAT ELEKTRONIK/);
    assert.match(stdout, /1 s\.d\. 5 hari kerja sejak berkas lengkap/, 'the range, both bounds');
    assert.match(stdout, /waktu\s+proses\s+BSrE\s+ikut\s+dihitung/, 'the printed standard states the first rule');
    assert.match(stdout, /tenggat\s+berakhir\s+pada\s+akhir\s+hari\s+kerja\s+terakhir/, 'and the second');
    assert.match(stdout, /MAKLUMAT PELAYANAN/);
    assert.match(stdout.replace(/\s+/g, ' '), /Senin-Kamis 08\.00-15\.45 \(istirahat 12\.00-13\.00\), Jumat 08\.00-11\.00 (WIB|WITA|WIT|UTC[+-]\d+:\d\d)/, 'the hours with the noon break and the zone');
    await run('pdftoppm', ['-r', '60', '-png', '-f', '1', '-l', '1', file, join(SHOTS, 'standar-pelayanan')]);
  });

  it("shows this quarter's report with its charts, refuses days that end before they start, and saves XLSX and PDF", async () => {
    await s.click('[data-testid=nav-reports]');
    await s.waitFor('[data-testid=rep-services]');
    const first = await s.textsOf('[data-testid=rep-services] tbody tr:first-child td');
    assert.deepEqual(first.slice(0, 3), ['Penerbitan', '5', '3'], 'the three walk-ins of this quarter');
    assert.equal((await s.findAll('[data-testid=rep-chart-services] canvas')).length, 1);
    assert.equal((await s.findAll('[data-testid=rep-chart-trend] canvas')).length, 1);
    await s.checkA11y('laporan');
    await s.screenshot(join(SHOTS, 'laporan.png'));
    await s.setValue('[data-testid=rep-jenis]', 'khusus');
    await s.type('#rep-dari', '15/11/2026');
    await s.type('#rep-sampai', '01/11/2026');
    await s.click('[data-testid=rep-show]');
    assert.match(await s.waitForText('[data-testid=rep-sampai-error]', (t) => t.length > 0), /sebelum tanggal awal/);
    await s.setValue('[data-testid=rep-jenis]', 'triwulan');
    await s.click('[data-testid=rep-show]');
    await s.waitFor('[data-testid=rep-services]');
    await s.waitGone('[data-testid=rep-busy]');
    for (const [button, ext] of [['rep-xlsx', 'xlsx'], ['rep-pdf', 'pdf']]) {
      await s.click(`[data-testid=${button}]`);
      const notice = await s.waitForText('[data-testid=rep-exported]', (t) => t.endsWith(`.${ext}`));
      await s.waitGone('[data-testid=rep-busy]');
      const file = notice.replace(/^Tersimpan di /, '').trim();
      if (ext === 'pdf') {
        const { stdout } = await run('pdftotext', ['-layout', file, '-']);
        assert.match(stdout, /LAPORAN EVALUASI KINERJA PELAYANAN/);
        await run('pdftoppm', ['-r', '60', '-png', '-f', '1', '-l', '1', file, join(SHOTS, 'laporan-pdf')]);
      } else {
        const { stdout } = await run('python3', ['-c', 'import sys, zipfile; print("\\n".join(zipfile.ZipFile(sys.argv[1]).namelist()))', file]);
        assert.match(stdout, /xl\/charts\/chart1\.xml/, 'a real workbook with its chart');
      }
    }
  });

  it('imports next year from a CSV only after a preview naming the bad line, and counts a waiting deadline', async () => {
    const next = new Date().getFullYear() + 1;
    // A ringan complaint (2 working days) received on 31 December reaches
    // next year: its deadline waits for next year's calendar.
    await sql(`insert into complaints (nomor, kanal, kategori, kategori_nama, hari_kerja, hari_jawab, isi, petugas, status,
        diterima_at, tenggat_at, tenggat_kalender, dibuat_oleh, updated_at)
      values ('ADU-${next - 1}-0099', 'telepon', 'ringan', 'Ringan', 2, 2, 'Surel BSrE belum diterima.', 'Petugas A', 'diterima',
        '${next - 1}-12-31T10:00:00+08:00', '${next - 1}-12-31T10:00:00+08:00', 1, 'Petugas A', '${next - 1}-12-31T10:00:00+08:00')`);
    await s.click('[data-testid=nav-calendar]');
    await s.waitFor('[data-testid=cal-days]');
    const csv = join(dir, `libur-${next}.csv`);
    await writeFile(csv, `Tanggal;Jenis;Keterangan\n01/01/${next};nasional;Tahun Baru ${next} Masehi\n31/13/${next};nasional;salah ketik\n04/01/${next};tutup;Kantor tutup\n`);
    await s.type('[data-testid=cal-file]', csv);
    await s.waitFor('[data-testid=cal-preview]');
    assert.equal(await s.textOf('[data-testid=cal-preview-added]'), '2');
    assert.match(await s.textOf('[data-testid=cal-preview-problems]'), /Baris 3/);
    assert.equal(await sql(`select count(*) from settings where key = 'kalender.${next}'`), '0', 'a preview saves nothing');
    await s.screenshot(join(SHOTS, 'impor-kalender.png'));
    await s.click('[data-testid=cal-apply]');
    // A day typed by hand that is no day: the core names it at its row, and nothing is saved.
    await s.click('[data-testid=cal-add-day]');
    const rows = (await s.findAll('[data-testid=cal-days] tbody tr')).length;
    const last = rows - 1;
    await s.type(`[data-testid=cal-${last}-date]`, `30/02/${next}`);
    await s.click('[data-testid=cal-save]');
    assert.match(await s.waitForText(`[data-testid=cal-${last}-date-error]`, (t) => t.length > 0), /hh\/bb\/tttt/);
    assert.equal(await sql(`select count(*) from settings where key = 'kalender.${next}'`), '0', 'nothing saved half way');
    await s.type(`[data-testid=cal-${last}-date]`, `5-2-${next}`);
    await s.type(`[data-testid=cal-${last}-what]`, 'Hari jadi kota');
    await s.click('[data-testid=cal-save]');
    // Saved with every deadline it decides counted again, in one transaction.
    assert.match(await s.waitForText('[data-testid=cal-saved]', (t) => t.length > 0), /Tenggat dihitung ulang; yang berubah: \d+ permohonan berjalan, 1 pengaduan/);
    assert.equal(await sql("select tenggat_kalender from complaints where nomor like 'ADU-%-0099'"), '0', 'the waiting deadline is counted');
    assert.match(await sql("select tenggat_at from complaints where nomor like 'ADU-%-0099'"), new RegExp(`^${next}-01-`), 'in next year\'s first working days');
    assert.equal(await sql(`select count(*) from settings where key = 'kalender.${next}'`), '1');
    assert.equal(await sql(`select count(*) from audit_log where action = 'deadlines.recount'`), '1', 'the recount is audited');
    await s.click('[data-testid=nav-home]');
    await s.waitFor('[data-testid=dash-terlambat-n]');
    assert.equal((await s.findAll('[data-testid=dash-warning]')).length, 0, 'next year has its calendar now');
  });
});
