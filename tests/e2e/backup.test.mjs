// End-to-end: backups and the restore drill. The admin is refused a
// relative backup folder next to the field, chooses a folder, backs up now
// and sees the run in the history; a case taken after the backup exists
// only in the live database. The drill refuses a copy cut short with the
// reason under the field and passes the real file with its four checks; the
// restore asks first and "Batal" changes nothing. `loket restore` is refused
// while Loket is open, then (Loket closed) checks the file, asks for
// PULIHKAN, replaces the database (keeping the old file) and the restored
// desk opens with its audit log whole, without the later case.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFile, spawn } from 'node:child_process';
import { promisify } from 'node:util';
import { Session, firstRun, startDriver } from './webdriver.mjs';
import { intake, person } from './desk.mjs';

const run = promisify(execFile);
const APP = process.env.LOKET_APP;
assert.ok(APP, 'LOKET_APP must name the built app binary (make test sets it)');
const SHOTS = join(process.cwd(), 'target', 'e2e');
const first = person('71', 'Ni Luh Cadangan Pertama', '196711101992031071');
const later = person('72', 'I Ketut Sesudah Cadangan', '196711101992031072');

/** Runs `loket args…` with `input` on standard input. */
function withInput(args, env, input) {
  return new Promise((resolve) => {
    const p = spawn(APP, args, { env });
    let out = '';
    p.stdout.on('data', (d) => (out += d));
    p.stderr.on('data', (d) => (out += d));
    p.on('close', (code) => resolve({ code, out }));
    p.stdin.end(input);
  });
}

describe('backups and the restore drill', () => {
  let driver;
  let s;
  let dir;
  let folder;
  let env;
  let db;
  let file;

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'loket-e2e-backup-'));
    folder = join(dir, 'usb', 'cadangan loket');
    db = join(dir, 'loket.sqlite3');
    await mkdir(SHOTS, { recursive: true });
    env = { ...process.env, LOKET_DATABASE_URL: `sqlite:${db}?mode=rwc` };
    driver = await startDriver({ LOKET_DATABASE_URL: env.LOKET_DATABASE_URL });
    s = await Session.start(driver.base, APP);
    await firstRun(s);
  });

  after(async () => {
    await s?.close().catch(() => {});
    driver?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('refuses a relative folder next to the field, then backs up into the chosen folder', async () => {
    await intake(s, first);
    await s.click('[data-testid=nav-backups]');
    await s.waitFor('[data-testid=bk-settings]');
    assert.match(await s.textOf('[data-testid=bk-last]'), /Belum pernah/);
    await s.type('#bk-folder', 'cadangan');
    await s.click('[data-testid=bk-settings] button[type=submit]');
    assert.match(await s.waitForText('[data-testid=bk-folder-error]', (t) => t.length > 0), /alamat folder lengkap/);
    await s.type('#bk-folder', folder);
    await s.type('#bk-keep', '5');
    await s.click('[data-testid=bk-settings] button[type=submit]');
    await s.waitGone('[data-testid=bk-folder-error]');
    await s.click('[data-testid=bk-now]');
    const done = await s.waitForText('[data-testid=bk-message]', (t) => t.includes('selesai'));
    assert.match(done, /loket-cadangan-\d{8}-\d{6}\.loketbak/);
    const row = await s.waitForText('[data-testid=bk-history] tbody tr', (t) => t.includes('berhasil'));
    assert.match(row, /kepala|Kepala/);
    assert.match(await s.textOf('[data-testid=bk-last]'), /Cadangan terakhir yang berhasil: \d\d\/\d\d\/\d{4} \d\d:\d\d/);
    const names = (await readdir(folder)).filter((n) => n.endsWith('.loketbak'));
    assert.equal(names.length, 1, names.join(', '));
    file = join(folder, names[0]);
    await s.screenshot(join(SHOTS, 'backups.png'));
    await s.checkA11y('cadangan');
  });

  it('refuses a backup cut short in the drill, passes the real one, and asks before restoring', async () => {
    await intake(s, later);
    await s.click('[data-testid=nav-backups]');
    const bytes = await readFile(file);
    const cut = join(dir, 'terpotong.loketbak');
    await writeFile(cut, bytes.subarray(0, Math.floor(bytes.length / 2)));
    await s.type('#bk-file', cut);
    await s.click('[data-testid=bk-check]');
    assert.match(await s.waitForText('[data-testid=bk-file-error]', (t) => t.length > 0), /Cadangan ditolak: berkas terpotong/);

    await s.type('#bk-file', file);
    await s.click('[data-testid=bk-check]');
    const checked = await s.waitForText('[data-testid=bk-checked]', (t) => t.includes('entri log audit'));
    assert.match(checked, /1 permohonan/);
    assert.equal(checked.split('✓').length - 1, 4, checked);
    await s.click('[data-testid=bk-restore-now]');
    await s.waitFor('[data-testid=bk-restore-yes]');
    await s.click('[data-testid=bk-restore-no]');
    await s.waitGone('[data-testid=bk-restore-yes]');

    // Loket is open on this database: the command-line restore waits for it.
    const busy = await withInput(['restore', file], env, 'PULIHKAN\n');
    assert.equal(busy.code, 1, busy.out);
    assert.match(busy.out, /Loket sedang terbuka/);
    const count = await run('python3', ['-c', `import sqlite3; print(sqlite3.connect(${JSON.stringify(db)}).execute('select count(*) from cases').fetchone()[0])`]);
    assert.equal(count.stdout.trim(), '2', 'nothing was restored');
  });

  it('restores from the command line once Loket is closed, keeping the replaced file', async () => {
    await s.close();
    s = null;
    const declined = await withInput(['restore', file], env, 'tidak\n');
    assert.equal(declined.code, 1, declined.out);
    assert.match(declined.out, /Dibatalkan/);

    const done = await withInput(['restore', file], env, 'PULIHKAN\n');
    assert.equal(done.code, 0, done.out);
    assert.match(done.out, /lolos: Keutuhan SQLite/);
    assert.match(done.out, /lolos: Rantai log audit utuh/);
    assert.match(done.out, /disimpan sebagai .*sebelum-pulih-/);

    const rows = await run('python3', ['-c', `import sqlite3; print([r[0] for r in sqlite3.connect(${JSON.stringify(db)}).execute('select a.nama from cases c join applicants a on a.id = c.applicant_id')])`]);
    assert.ok(!rows.stdout.includes('Sesudah'), `the case after the backup is gone: ${rows.stdout}`);
    const kept = (await readdir(dir)).filter((n) => n.includes('sebelum-pulih-') && !n.endsWith('-wal') && !n.endsWith('-shm'));
    assert.equal(kept.length, 1, kept.join(', '));
    const old = await run('python3', ['-c', `import sqlite3; print(sqlite3.connect(${JSON.stringify(join(dir, kept[0]))}).execute('select count(*) from cases').fetchone()[0])`]);
    assert.equal(old.stdout.trim(), '2', 'the replaced database is kept whole');

    const verified = await run(APP, ['audit-verify'], { env });
    assert.match(verified.stdout, /Log audit utuh/);
    s = await Session.start(driver.base, APP);
    await s.waitFor('[data-testid=sign-in], [data-testid=signed-in-as]');
  });
});
