// What the end-to-end tests of the desk share: dates typed the way the desk
// writes them, a walk-in's data, and taking one step of a case.
import { setTimeout as sleep } from 'node:timers/promises';

/** A date as the desk types it: dd/mm/yyyy. */
export const typed = (d) => d.toISOString().slice(0, 10).split('-').reverse().join('/');

/** Today plus `n` days, typed. */
export const inDays = (n) => typed(new Date(Date.now() + n * 86_400_000));

/** Creates the kiosk's account at the desk (an admin signed in), as the manual tells. */
export async function createKioskAccount(s, account) {
  await s.click('[data-testid=nav-operators]');
  await s.waitFor('[data-testid=new-operator]');
  await s.type('#op-username', account.username);
  await s.type('#op-nama', 'Kiosk ruang tunggu');
  await s.type('#op-password', account.password);
  await s.type('#op-password_ulang', account.password);
  // The form starts with the Operator role ticked: a kiosk account has only its own.
  await s.click('[data-testid=op-role-operator]');
  await s.click('[data-testid=op-role-kiosk]');
  await s.click('[data-testid=op-create]');
  await s.waitForText('[data-testid=operator-created]', (t) => t === account.username);
}

/** A walk-in with valid data; `n` (two digits) makes the NIK and e-mail unique. */
export function person(n, name, nip) {
  const nik = `51710110116700${n}`;
  return {
    nama: name,
    nik,
    nik_ulang: nik,
    nip,
    email: `p${n}@denpasarkota.go.id`,
    telepon: '081234567890',
    jabatan: 'Analis',
    unit_kerja: 'Bidang Persandian',
    instansi: 'Dinas Kominfo',
  };
}

/** Takes a walk-in's penerbitan at the counter; returns its registration number. */
export async function intake(s, data) {
  await s.click('[data-testid=nav-new]');
  await s.waitFor('[data-testid=form-layanan]');
  for (const [field, value] of Object.entries(data)) await s.type(`#f-${field}`, value);
  // The privacy notice was given (required for a person registered here).
  await s.tick('[data-testid=privacy-given]');
  await s.click('[data-testid=save]');
  return s.waitForText('[data-testid=case-nomor]', (t) => t.startsWith('REG-'));
}

/** Ticks the checklist items `codes` on the open case page, waiting until
 * each tick is saved (the page shows who checked it) before the next. */
export async function tickRequired(s, codes) {
  const ticked = async () => (await s.textOf('[data-testid=requirements]')).split('✓').length - 1;
  const before = await ticked();
  for (const [i, code] of codes.entries()) {
    await s.click(`[data-testid=req-${code}]`);
    await s.waitForText('[data-testid=requirements]', (t) => t.split('✓').length - 1 === before + i + 1);
  }
}

/** Takes `action` on the open case page, filling the step's fields first,
 * and waits until the case's history shows it. */
export async function step(s, action, fill = {}) {
  await s.click(`[data-testid=action-${action}]`);
  await s.waitFor('[data-testid=action-form]');
  for (const [css, value] of Object.entries(fill)) await s.setValue(css, value);
  const before = (await s.textsOf('[data-testid=case-history] tbody tr')).length;
  await s.click('[data-testid=action-save]');
  const deadline = Date.now() + 10_000;
  while ((await s.textsOf('[data-testid=case-history] tbody tr')).length === before) {
    if (Date.now() > deadline) throw new Error(`${action} was not recorded`);
    await sleep(100);
  }
}
