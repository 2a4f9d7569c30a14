// A person's data as the desk shows it: the fields a data change or a
// correction touches, in the order of the forms, with their labels.
import type { PersonData } from './bindings/PersonData';
import { i18n, type Key } from './i18n.svelte';

/** The fields of a person's data that a data change or a correction can set. */
export const PERSON_DATA: { id: keyof PersonData; label: Key }[] = [
  { id: 'nama', label: 'nama' },
  { id: 'nip', label: 'nip' },
  { id: 'jabatan', label: 'jabatan' },
  { id: 'unit_kerja', label: 'unitKerja' },
  { id: 'instansi', label: 'instansi' },
  { id: 'email', label: 'email' },
  { id: 'telepon', label: 'telepon' },
];

const LABELS: Record<string, Key> = {
  ...Object.fromEntries(PERSON_DATA.map((f) => [f.id, f.label])),
  nik: 'nik',
};

/** The label of a stored field name (history rows, a form's changes); an
 * unknown name is shown as it is. */
export function fieldLabel(field: string): string {
  const key = LABELS[field];
  return key ? i18n.t(key) : field;
}
