#!/usr/bin/env node
// Checks Loket's documentation, as `make test` and `make docs` run it:
// - every relative link and picture in README.md, ARCHITECTURE.md,
//   CONTRIBUTING.md and docs/src/**/*.md resolves: the file exists, and an
//   `#anchor` names a heading of that page (ids as the manual's builder and
//   GitHub make them);
// - every page under docs/src is in docs/src/SUMMARY.md, and every picture
//   under docs/src/gambar is shown by some page;
// - with --fresh (after the test run): every picture of the manual is one the
//   tests took in this run, `target/e2e/NAME` (end-to-end screenshots) or
//   `target/test-shots/NAME` (PDFs the core tests rendered), no older than
//   the run's start (LOKET_TEST_START, seconds) when that is set.
// Prints every problem and exits 1 if there is one.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';

const root = join(dirname(new URL(import.meta.url).pathname), '..');
const fresh = process.argv.includes('--fresh');
const problems = [];

function walk(dir, out = []) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else out.push(p);
  }
  return out;
}

/** The text of a page without its code (fenced blocks and inline code). */
function prose(text) {
  return text.replace(/^```[\s\S]*?^```/gm, '').replace(/`[^`\n]*`/g, '');
}

/** A heading's id: lower case, letters, digits, `_` and `-` kept, spaces as `-`. */
function slug(heading) {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

function anchors(file) {
  const ids = new Set();
  for (const line of prose(readFileSync(file, 'utf8')).split('\n')) {
    const m = /^#{1,6}\s+(.*)$/.exec(line);
    if (m) ids.add(slug(m[1]));
  }
  return ids;
}

const docs = join(root, 'docs', 'src');
const pages = [join(root, 'README.md'), join(root, 'ARCHITECTURE.md'), join(root, 'CONTRIBUTING.md'), ...walk(docs).filter((f) => f.endsWith('.md'))];
const shown = new Set();
for (const page of pages) {
  const text = prose(readFileSync(page, 'utf8'));
  for (const m of text.matchAll(/!?\[[^\]]*\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)) {
    const target = m[1];
    if (/^[a-z]+:/i.test(target)) continue; // a web address: not checked here
    const [path, anchor] = target.split('#');
    const file = path ? normalize(join(dirname(page), decodeURI(path))) : page;
    const where = `${relative(root, page)}: ${target}`;
    if (!existsSync(file)) {
      problems.push(`${where}: tidak ada berkas ${relative(root, file)}`);
      continue;
    }
    if (m[0].startsWith('!')) shown.add(file);
    if (anchor && file.endsWith('.md') && !anchors(file).has(anchor)) {
      problems.push(`${where}: tidak ada judul #${anchor} di ${relative(root, file)}`);
    }
  }
}

// Every page is in the manual's table of contents.
const summary = readFileSync(join(docs, 'SUMMARY.md'), 'utf8');
const listed = new Set([...summary.matchAll(/\]\(([^)]+\.md)\)/g)].map((m) => normalize(join(docs, m[1]))));
for (const page of walk(docs).filter((f) => f.endsWith('.md') && !f.endsWith('SUMMARY.md'))) {
  if (!listed.has(page)) problems.push(`${relative(root, page)}: tidak ada di docs/src/SUMMARY.md`);
}

// Every picture is shown, and (after a test run) was taken by the tests.
const pictures = walk(join(docs, 'gambar')).filter((f) => f.endsWith('.png'));
const start = Number(process.env.LOKET_TEST_START ?? 0) * 1000;
for (const picture of pictures) {
  const name = relative(join(docs, 'gambar'), picture);
  if (!shown.has(picture)) problems.push(`docs/src/gambar/${name}: tidak ditampilkan di halaman mana pun`);
  if (!fresh) continue;
  const taken = ['e2e', 'test-shots'].map((d) => join(root, 'target', d, name)).find((f) => existsSync(f));
  if (!taken) problems.push(`docs/src/gambar/${name}: tidak diambil oleh tes (target/e2e/ atau target/test-shots/)`);
  else if (start && statSync(taken).mtimeMs < start) problems.push(`${relative(root, taken)}: lebih tua dari awal tes ini`);
}

if (pictures.length < 20) problems.push(`hanya ${pictures.length} gambar di docs/src/gambar: pembacanya salah?`);
if (problems.length) {
  console.error(`Dokumentasi: ${problems.length} masalah`);
  for (const p of problems) console.error(`  ${p}`);
  process.exit(1);
}
console.log(`Dokumentasi: ${pages.length} halaman, ${pictures.length} gambar, semua tautan dan gambar ada${fresh ? ' dan diambil oleh tes ini' : ''}.`);
