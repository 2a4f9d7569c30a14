// The office's two deadline rules as one choice for the four services: does
// time waiting on BSrE count toward the promise, and does the last day end
// at the counter's closing or with the working day. Unchosen ('') until the
// office picked them, so nothing looks decided that was not.
import type { AkhirTenggat } from './bindings/AkhirTenggat';
import type { Standard } from './bindings/Standard';

export type Bsre = 'tidak' | 'dihitung' | '';
export type Rules = { bsre: Bsre; akhir: AkhirTenggat | '' };

/** The rules a saved standard holds: '' for a rule not chosen, or one its
 * services set differently (before the office was asked). */
export function readRules(s: Standard): Rules {
  const all = s.layanan;
  const first = all[0];
  if (!s.aturan_dipilih || !first) return { bsre: '', akhir: '' };
  const same = <T>(f: (l: (typeof all)[number]) => T) => all.every((l) => f(l) === f(first));
  return {
    bsre: same((l) => l.jeda_bsre) ? (first.jeda_bsre ? 'tidak' : 'dihitung') : '',
    akhir: same((l) => l.akhir_tenggat) ? first.akhir_tenggat : '',
  };
}

/** `s` with the rules set on every service; chosen only when both are
 * picked (the core refuses the save otherwise). */
export function applyRules(s: Standard, r: Rules): Standard {
  for (const l of s.layanan) {
    if (r.bsre) l.jeda_bsre = r.bsre === 'tidak';
    if (r.akhir) l.akhir_tenggat = r.akhir;
  }
  s.aturan_dipilih = r.bsre !== '' && r.akhir !== '';
  return s;
}
