// Reading the X display's windows for the end-to-end tests. A window that is
// destroyed while xwininfo walks the tree (another test's app exiting, a
// kiosk page reloading its surface) makes xwininfo fail with "Bad Window":
// that is a race of the moment, not an answer, so the walk is asked again.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The output of `xwininfo -root -tree`, asked again (up to 10 times) when a
 * window vanished during the walk. */
export async function windowTree() {
  for (let attempt = 1; ; attempt++) {
    try {
      return (await run('xwininfo', ['-root', '-tree'])).stdout;
    } catch (e) {
      const raced = /Bad (Window|Drawable)|Can't query window tree/.test(String(e.stderr ?? e.message));
      if (!raced || attempt >= 10) throw e;
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

/** The properties (as xprop prints them) of the first window whose line in
 * the tree contains `title`, or null when none does. */
export async function windowProps(title) {
  for (let attempt = 1; ; attempt++) {
    const line = (await windowTree()).split('\n').find((l) => l.includes(title));
    if (!line) return null;
    try {
      return (await run('xprop', ['-id', line.trim().split(/\s+/)[0]])).stdout;
    } catch (e) {
      if (attempt >= 10) throw e;
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}
