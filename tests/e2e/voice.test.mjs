// End-to-end: the public's voice. At the desk the admin names the
// complaints officer in the standard and takes an applicant's case; at the
// kiosk (a kiosk PC on the same database) the service screen names the
// officer, the applicant rates the service with the registration number and
// the NIK's last four digits and is refused a second time, and a walk-in
// rates it without a number. Back at the desk staff type in a paper form
// (a bad one is refused next to its field), read the IKM of the half year,
// save it as PDF, and keep the complaints register: a complaint refused
// until its channel is chosen, then recorded, refused to close without a
// response, and closed after a confirmation; the service report counts it.
// The admin adds the city's own complaints application as a channel; a
// complaint by it waits for its written answer, which cannot go by e-mail
// without an address (refused next to the choice, nothing saved), is
// printed as a letter instead, and is escalated to the complaints officer
// the standard names, with the officer's own deadline.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, mkdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { ADMIN, Session, firstRun, signIn, startDriver } from './webdriver.mjs';
import { createKioskAccount, intake, person } from './desk.mjs';

const run = promisify(execFile);
const APP = process.env.LOKET_APP;
assert.ok(APP, 'LOKET_APP must name the built app binary (make test sets it)');
const SHOTS = join(process.cwd(), 'target', 'e2e');
const KIOSK = { username: 'kios1', password: 'sandi-kiosk-2026' };
const OFFICER = 'Meidy Prasetyo Utomo, S.Kom, HP 0856-4381-2110';
const budi = person('61', 'I Made Budi Survei', '196711101992031061');

describe('the satisfaction survey and the complaints register', () => {
  let driver;
  let s;
  let k;
  let dir;
  let env;
  let nomor;
  let sql;

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'loket-e2e-voice-'));
    await mkdir(SHOTS, { recursive: true });
    env = { ...process.env, LOKET_DATABASE_URL: `sqlite:${dir}/loket.sqlite3?mode=rwc` };
    sql = async (q) => (await run('sqlite3', [join(dir, 'loket.sqlite3'), q])).stdout.trim();
    driver = await startDriver({ LOKET_DATABASE_URL: env.LOKET_DATABASE_URL });
    s = await Session.start(driver.base, APP);
    await firstRun(s);
  });

  after(async () => {
    await k?.close().catch(() => {});
    await s?.close().catch(() => {});
    driver?.stop();
    if (env) await run(APP, ['unpair-kiosk'], { env }).catch(() => {});
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('names the complaints officer in the standard and takes a case at the desk', async () => {
    await s.click('[data-testid=nav-standard]');
    await s.type('[data-testid=std-pejabat]', OFFICER);
    await s.click('[data-testid=std-bsre-tidak]');
    await s.click('[data-testid=std-akhir-jam_layanan]');
    await s.click('[data-testid=standard-save]');
    await s.waitFor('[data-testid=standard-saved]');
    await createKioskAccount(s, KIOSK);
    nomor = await intake(s, budi);
    await s.close();
    s = null;
    const { stdout: key } = await run(APP, ['kiosk-key'], { env });
    await run(APP, ['pair-kiosk', key.trim()], { env });
  });

  it('tells the applicant at the kiosk where to complain, with the officer', async () => {
    k = await Session.start(driver.base, APP, ['--kiosk']);
    await signIn(k, KIOSK.username, KIOSK.password);
    await k.click('[data-testid=kiosk-service-penerbitan]');
    const text = await k.waitForText('[data-testid=kiosk-complaints]', (t) => t.includes('Pejabat'));
    assert.ok(text.includes(`Pejabat pengaduan: ${OFFICER}`), text);
    assert.ok(text.includes('SP4N'), text);
    await k.click('[data-testid=kiosk-cancel]');
    await k.waitFor('[data-testid=kiosk-welcome]');
  });

  /** Rates all nine elements with `score`, then the profile, and sends. */
  async function rate(score) {
    for (let i = 1; i <= 9; i += 1) {
      await k.waitForText('[data-testid=skm-question]', (t) => t.length > 0);
      await k.click(`[data-testid=skm-answer-${score}]`);
    }
    await k.click('[data-testid=skm-umur-36-45]');
    await k.click('[data-testid=skm-pekerjaan-PNS]');
    await k.type('[data-testid=skm-saran]', 'Ruang tunggu perlu kipas.');
    await k.click('[data-testid=skm-send]');
    await k.waitFor('[data-testid=skm-thanks]');
  }

  it('takes one rating per case at the kiosk, and one without a number', async () => {
    await k.click('[data-testid=kiosk-survey-open]');
    await k.click('[data-testid=skm-with-number]');
    await k.setValue('#skm-nomor', nomor);
    for (const d of '0000') await k.click(`[data-testid=key-${d}]`);
    await k.click('[data-testid=skm-prove]');
    assert.match(await k.waitForText('[data-testid=skm-nik-error]', (t) => t.length > 0), /tidak cocok/);
    await k.click('[data-testid=key-clear]');
    for (const d of budi.nik.slice(-4)) await k.click(`[data-testid=key-${d}]`);
    await k.click('[data-testid=skm-prove]');
    assert.ok((await k.textOf('[data-testid=skm-ticket]')).startsWith(nomor));
    await k.checkA11y('kiosk survei');
    await k.screenshot(join(SHOTS, 'kiosk-survei.png'));
    await rate(4);
    await k.click('[data-testid=skm-done]');

    // The same case again: refused before any question.
    await k.click('[data-testid=kiosk-survey-open]');
    await k.click('[data-testid=skm-with-number]');
    await k.setValue('#skm-nomor', nomor);
    for (const d of budi.nik.slice(-4)) await k.click(`[data-testid=key-${d}]`);
    await k.click('[data-testid=skm-prove]');
    assert.match(await k.waitForText('[data-testid=skm-nomor-error]', (t) => t.length > 0), /sudah diisi/);
    await k.click('[data-testid=skm-number-cancel]');

    // A walk-in without a number.
    await k.waitFor('[data-testid=kiosk-welcome]');
    await k.click('[data-testid=kiosk-survey-open]');
    await k.click('[data-testid=skm-anonymous]');
    await rate(2);
    await k.close();
    k = null;
  });

  it('takes paper forms at the desk, refusing a bad one next to its field', async () => {
    // Back to a desk: this PC played the kiosk PC.
    await run(APP, ['unpair-kiosk'], { env });
    s = await Session.start(driver.base, APP);
    await signIn(s, ADMIN.username, ADMIN.password);
    await s.click('[data-testid=nav-survey]');
    await s.click('[data-testid=skm-tab-paper]');
    await s.type('[data-testid=skm-digits]', '3453');
    assert.match(await s.waitForText('[data-testid=skm-digits-error]', (t) => t.length > 0), /1-4/);
    await s.type('#skm-tanggal', '01/01/2099');
    await s.type('[data-testid=skm-digits]', '333333333\uE007');
    assert.match(await s.waitForText('[data-testid=skm-tanggal-error]', (t) => t.length > 0), /belum lewat/);
    const today = new Date();
    const pad = (n) => String(n).padStart(2, '0');
    await s.type('#skm-tanggal', `${pad(today.getDate())}/${pad(today.getMonth() + 1)}/${today.getFullYear()}`);
    await s.type('[data-testid=skm-digits]', '333333333\uE007');
    assert.match(await s.waitForText('[data-testid=skm-paper-saved]', (t) => t.length > 0), /1 formulir/);
    assert.equal(await s.execute('return document.activeElement?.id'), 'skm-digits', 'ready for the next form');
  });

  it('shows the IKM of the half year and saves it as PDF', async () => {
    await s.click('[data-testid=skm-tab-report]');
    // Each element: 4 (by number), 2 (without), 3 (paper): NRR 3, IKM 75,00, C.
    assert.equal(await s.waitForText('[data-testid=skm-ikm]', (t) => t !== '-'), '75,00');
    assert.match(await s.textOf('[data-testid=skm-mutu]'), /C · Kurang Baik/);
    assert.equal(await s.textOf('[data-testid=skm-responden]'), '3');
    assert.ok(!(await s.textOf('[data-testid=skm-elements]')).includes('terendah'), 'nine equal elements: none is the lowest');
    assert.match(await s.textOf('[data-testid=skm-suggestions]'), /kipas/);
    await s.checkA11y('laporan IKM');
    await s.screenshot(join(SHOTS, 'laporan-ikm.png'));
    await s.click('[data-testid=skm-export-pdf]');
    const saved = await s.waitForText('[data-testid=skm-exported]', (t) => t.length > 0);
    assert.match(saved, /IKM-Semester-I+-\d{4}\.pdf/);
  });

  it('keeps a complaint from its channel to its answer, and the report counts it', async () => {
    await s.click('[data-testid=nav-complaints]');
    await s.click('[data-testid=cmp-new]');
    await s.click('[data-testid=cmp-save]');
    assert.match(await s.waitForText('[data-testid=cmp-kanal-error]', (t) => t.length > 0), /kanal/);
    await s.setValue('[data-testid=cmp-kanal]', 'sp4n_lapor');
    await s.type('#cmp-lapor', 'LAPOR-4471');
    await s.setValue('[data-testid=cmp-kategori]', 'ringan');
    await s.type('#cmp-nama', 'Ni Luh Ayu');
    await s.type('#cmp-reg', nomor);
    await s.type('[data-testid=cmp-isi]', 'Surel dari BSrE belum saya terima.');
    // It came in a little before it is recorded: a moment that is no moment is refused at its field.
    await s.type('#cmp-diterima', 'tadi pagi');
    await s.click('[data-testid=cmp-save]');
    assert.match(await s.waitForText('[data-testid=cmp-diterima-error]', (t) => t.length > 0), /hh\/bb\/tttt/);
    const p2 = (n) => String(n).padStart(2, '0');
    const came = new Date(Date.now() - 2 * 60_000);
    const typed = `${p2(came.getDate())}/${p2(came.getMonth() + 1)}/${came.getFullYear()} ${p2(came.getHours())}:${p2(came.getMinutes())}`;
    await s.type('#cmp-diterima', typed);
    await s.click('[data-testid=cmp-save]');
    await s.waitFor('[data-testid=cmp-detail]');
    assert.equal(
      (await run('sqlite3', [join(dir, 'loket.sqlite3'), "select count(*) from audit_log where action = 'complaint.create'"])).stdout.trim(),
      '1',
      'the refused save wrote nothing',
    );
    await s.waitFor(`[data-testid=cmp-row-ADU-${new Date().getFullYear()}-0001]`);
    // Recorded as ringan by mistake: corrected to normatif, with a reason, its deadlines counted again.
    await s.click('[data-testid=cmp-fix]');
    await s.setValue('[data-testid=cmp-fix-kategori]', 'normatif');
    await s.click('[data-testid=cmp-fix-save]');
    assert.match(await s.waitForText('[data-testid=cmp-fix-alasan-error]', (t) => t.length > 0), /Wajib/);
    assert.equal(await sql("select kategori from complaints"), 'ringan', 'a correction without its reason writes nothing');
    await s.type('[data-testid=cmp-fix-alasan]', 'Kategori salah pilih.');
    await s.click('[data-testid=cmp-fix-save]');
    await s.waitGone('[data-testid=cmp-fix-form]');
    assert.match(await s.textOf('[data-testid=cmp-detail]'), /Normatif/);
    assert.equal(await sql("select kategori || ',' || hari_kerja from complaints"), 'normatif,5');
    assert.equal(await sql("select count(*) from audit_log where action = 'complaint.correct'"), '1');
    // Closing needs a response, after a confirmation that warns no written answer was sent.
    await s.click('[data-testid=cmp-finish]');
    await s.waitFor('[data-testid=cmp-finish-no-answer]');
    await s.click('[data-testid=cmp-finish-confirm]');
    assert.match(await s.waitForText('[data-testid=cmp-tanggapan-error]', (t) => t.length > 0), /Wajib/);
    await s.type('[data-testid=cmp-tanggapan]', 'Surel BSrE dikirim ulang.');
    await s.click('[data-testid=cmp-finish]');
    await s.click('[data-testid=cmp-finish-confirm]');
    assert.match(await s.waitForText('[data-testid=cmp-response]', (t) => t.length > 0), /dikirim ulang/);
    await s.checkA11y('pengaduan');
    await s.screenshot(join(SHOTS, 'pengaduan.png'));

    await s.click('[data-testid=nav-reports]');
    await s.waitForText('[data-testid=rep-complaints]', (t) => t.includes('SP4N-LAPOR!'));
    const cells = await s.execute(
      `const row = [...document.querySelectorAll('[data-testid=rep-complaints] tr')]
         .find((r) => r.querySelector('td')?.textContent.trim() === arguments[0]);
       return row ? [...row.querySelectorAll('td')].map((c) => c.textContent.trim()) : null;`,
      ['SP4N-LAPOR!'],
    );
    assert.deepEqual(cells, ['SP4N-LAPOR!', '1', '1', '1', '0'], 'received, answered, on time, overdue');
  });

  it('counts the office\'s own channel, answers by letter where e-mail cannot go, and escalates', async () => {
    await s.click('[data-testid=nav-complaints]');
    await s.click('[data-testid=cmp-categories]');
    await s.waitFor('[data-testid=cmp-channels-form]');
    await s.click('[data-testid=cmp-kanal-add]');
    const last = (await s.findAll('[data-testid=cmp-channels-form] tbody tr')).length - 1;
    await s.type(`[data-testid=cmp-kanal-${last}-kode]`, 'PRO Denpasar');
    await s.type(`[data-testid=cmp-kanal-${last}-nama]`, 'Aplikasi PRO Denpasar+');
    await s.click(`[data-testid=cmp-kanal-${last}-tiket]`);
    await s.click('[data-testid=cmp-channels-save]');
    assert.match(await s.waitForText(`[data-testid=cmp-kanal-${last}-kode-error]`, (t) => t.length > 0), /huruf kecil/);
    await s.type(`[data-testid=cmp-kanal-${last}-kode]`, 'pro_denpasar');
    await s.click('[data-testid=cmp-channels-save]');
    await s.waitFor('[data-testid=cmp-channels-saved]');
    await s.click('[data-testid=cmp-categories]');

    await s.click('[data-testid=cmp-new]');
    await s.setValue('[data-testid=cmp-kanal]', 'pro_denpasar');
    await s.type('#cmp-lapor', 'PRO-2026-118');
    await s.setValue('[data-testid=cmp-kategori]', 'berkadar');
    await s.type('#cmp-nama', 'Gede Pengadu');
    await s.type('#cmp-kontak', '081234567800');
    await s.type('[data-testid=cmp-isi]', 'Petugas meminta passphrase saya.');
    await s.click('[data-testid=cmp-save]');
    await s.waitFor('[data-testid=cmp-answer-form]');
    assert.notEqual(await s.textOf('[data-testid=cmp-due-answer]'), '', 'the written answer has its own deadline');

    // By e-mail without an address: refused next to the choice, nothing saved.
    await s.type('[data-testid=cmp-jawaban]', 'Petugas tidak pernah meminta passphrase. Kami telah menegur petugas.');
    await s.click('[data-testid=cmp-cara-surel]');
    await s.click('[data-testid=cmp-answer-send]');
    await s.click('[data-testid=cmp-confirm]');
    assert.match(await s.waitForText('[data-testid=cmp-cara-error]', (t) => t.length > 0), /cetak jawaban sebagai surat/);
    assert.equal(await sql("select count(*) from complaints where dijawab_at is not null"), '0', 'nothing saved half way');
    await s.click('[data-testid=cmp-cara-surat]');
    await s.click('[data-testid=cmp-answer-send]');
    await s.click('[data-testid=cmp-confirm]');
    assert.match(await s.waitForText('[data-testid=cmp-answer]', (t) => t.length > 0), /menegur petugas/);
    await s.click('[data-testid=cmp-answer-save]');
    const file = (await s.waitForText('[data-testid=cmp-answer-exported]', (t) => t.endsWith('.pdf'))).replace(/^Tersimpan di /, '').trim();
    const { stdout } = await run('pdftotext', ['-layout', file, '-']);
    assert.match(stdout, /JAWABAN ATAS PENGADUAN/);
    assert.match(stdout, /menegur petugas/);

    // Escalated to the officer the standard names, after a confirmation.
    assert.equal(await s.execute("return document.querySelector('#cmp-pejabat').value"), OFFICER);
    await s.type('[data-testid=cmp-eskalasi-alasan]', 'Menyangkut perilaku petugas.');
    await s.click('[data-testid=cmp-escalate]');
    await s.click('[data-testid=cmp-confirm]');
    assert.match(await s.waitForText('[data-testid=cmp-escalated]', (t) => t.length > 0), /Meidy Prasetyo Utomo/);
    assert.match(await s.textOf('[data-testid=cmp-escalation-due]'), /\d/);
    assert.equal(await sql("select count(*) from audit_log where action = 'complaint.escalate'"), '1');
    await s.checkA11y('pengaduan diteruskan');
    await s.screenshot(join(SHOTS, 'pengaduan-diteruskan.png'));

    await s.click('[data-testid=nav-reports]');
    await s.waitForText('[data-testid=rep-complaints]', (t) => t.includes('Aplikasi PRO Denpasar+'));
  });
});
