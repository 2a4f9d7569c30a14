// A person's data as the desk shows it: the fields a data change or a
// correction touches, in the order of the forms, with their labels.
import type { ApplicantInput } from './bindings/ApplicantInput';
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

/** The fields of a new applicant's form (desk and kiosk), in order. */
export const APPLICANT_FIELDS: {
  id: keyof ApplicantInput;
  label: Key;
  inputmode?: 'numeric' | 'email' | 'tel';
  max: number;
}[] = [
  { id: 'nama', label: 'nama', max: 120 },
  { id: 'nik', label: 'nik', inputmode: 'numeric', max: 24 },
  { id: 'nik_ulang', label: 'nikUlang', inputmode: 'numeric', max: 24 },
  { id: 'nip', label: 'nip', inputmode: 'numeric', max: 24 },
  { id: 'email', label: 'email', inputmode: 'email', max: 120 },
  { id: 'telepon', label: 'telepon', inputmode: 'tel', max: 20 },
  { id: 'jabatan', label: 'jabatan', max: 200 },
  { id: 'unit_kerja', label: 'unitKerja', max: 200 },
  { id: 'instansi', label: 'instansi', max: 200 },
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
