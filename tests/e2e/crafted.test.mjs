// End-to-end: files made to hurt a reader, given to the real desk where it
// reads files from outside. Every spreadsheet of the corpus
// (tests/crafted/make.py) is chosen on the import screen and refused next to
// its field; every PDF of it is sent as a letter's signed copy and refused.
// After each one the desk answers a list command within a second: the
// confined reader took the blow, not the desk.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { freshDesk } from './webdriver.mjs';

const run = promisify(execFile);
const APP = process.env.LOKET_APP;
assert.ok(APP, 'LOKET_APP must name the built app binary (make test sets it)');
const SHOTS = join(process.cwd(), 'target', 'e2e');
const CORPUS = join(process.cwd(), 'target', 'crafted');

/** How long the desk takes to answer a list of cases, measured in the page. */
async function answersWithin(s) {
  const r = await s.executeAsync(`
    const done = arguments[arguments.length - 1];
    const t0 = performance.now();
    window.__TAURI_INTERNALS__
      .invoke('list_cases', { query: { q: '', status: null, layanan: null, page: 0, per_page: 25 } })
      .then(() => done({ ms: performance.now() - t0 }), (e) => done({ err: String(e?.message ?? e), ms: performance.now() - t0 }));`);
  assert.ok(!r.err, `the desk did not answer: ${r.err}`);
  return r.ms;
}

describe('crafted files at the real desk', () => {
  let desk;
  let s;
  let names;

  before(async () => {
    await mkdir(SHOTS, { recursive: true });
    const { stdout } = await run('python3', [join('tests', 'crafted', 'make.py'), CORPUS], { maxBuffer: 1 << 20 });
    names = stdout.trim().split('\n');
    desk = await freshDesk(APP, 'loket-e2e-crafted-');
    ({ s } = desk);
  });

  after(async () => {
    await desk?.close();
  });

  it('refuses every crafted spreadsheet next to the file field and keeps answering', async () => {
    await s.click('[data-testid=nav-import]');
    await s.waitFor('[data-testid=import]');
    for (const name of names.filter((n) => !n.endsWith('.pdf'))) {
      await s.type('[data-testid=imp-file]', join(CORPUS, name));
      if (name === 'wide-merge.xlsx') {
        // A merge reaching XFD1048576 covers only the table: read, 1 row.
        assert.match(await s.waitForText('[data-testid=imp-rows]', (t) => t.length > 0), /1 baris data/);
      } else {
        const why = await s.waitForText('[data-testid=imp-file-error]', (t) => t.length > 0, 60_000);
        assert.ok(why.length > 10, `${name}: ${why}`);
        if (name === 'far-corner.xlsx') {
          assert.match(why, /XFD/);
          await s.screenshot(join(SHOTS, 'impor-lembar-buatan.png'));
        }
      }
      const ms = await answersWithin(s);
      assert.ok(ms < 1000, `after ${name} the desk took ${ms} ms to answer`);
      // The next file starts from a clean field.
      await s.execute("document.querySelector('[data-testid=imp-file]').value = ''; return null;");
    }
  });

  it('refuses every crafted PDF sent as a signed copy and keeps answering', async () => {
    for (const name of names.filter((n) => n.endsWith('.pdf'))) {
      const b64 = (await readFile(join(CORPUS, name))).toString('base64');
      const r = await s.executeAsync(
        `const [b64, name] = arguments;
         const done = arguments[arguments.length - 1];
         const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
         window.__TAURI_INTERNALS__
           .invoke('attach_signed_letter', bytes, { headers: { 'x-letter-id': '1', 'x-filename': encodeURIComponent(name), 'x-as-scan': '0' } })
           .then((v) => done({ ok: v }), (e) => done({ err: e }));`,
        [b64, name],
      );
      assert.ok(r.err, `${name} was filed: ${JSON.stringify(r.ok)}`);
      assert.equal(r.err.kind, 'invalid', `${name}: ${JSON.stringify(r.err)}`);
      assert.ok(r.err.fields?.file, `${name}: refused next to the file field: ${JSON.stringify(r.err)}`);
      const ms = await answersWithin(s);
      assert.ok(ms < 1000, `after ${name} the desk took ${ms} ms to answer`);
    }
  });
});
