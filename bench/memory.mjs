// `make bench`: the memory (PSS, from /proc) of the processes an app runs
// under the WebDriver: the app and its WebKit processes, not the drivers.
import { readFileSync, readdirSync } from 'node:fs';

function children() {
  const map = new Map();
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      if (!map.has(ppid)) map.set(ppid, []);
      map.get(ppid).push({ pid: Number(pid), comm });
    } catch {
      // process ended while reading
    }
  }
  return map;
}

function pssKb(pid) {
  try {
    const m = /^Pss:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

/** PSS of every process below the driver, except the drivers themselves: the
 * total, the process names, and the PSS of each name. */
export function appMemory(driverPid) {
  const tree = children();
  let total = 0;
  const names = [];
  const each = {};
  const walk = (pid) => {
    for (const c of tree.get(pid) ?? []) {
      if (!/tauri-driver|WebKitWebDriver/.test(c.comm)) {
        const kb = pssKb(c.pid);
        total += kb;
        names.push(c.comm);
        each[c.comm] = (each[c.comm] ?? 0) + kb;
      }
      walk(c.pid);
    }
  };
  walk(driverPid);
  return { kb: total, names, each };
}

