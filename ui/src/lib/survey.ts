// The survey's respondent profile as both survey screens ask it (the kiosk's
// buttons, the paper form's lists): its four parts, their labels and the
// questionnaire's choices for each.
import type { Questionnaire } from './bindings/Questionnaire';
import { i18n } from './i18n.svelte';

export type ProfileKey = 'umur' | 'jenis_kelamin' | 'pendidikan' | 'pekerjaan';
export type Profile = Record<ProfileKey, string | null>;

export const emptyProfile = (): Profile => ({ umur: null, jenis_kelamin: null, pendidikan: null, pekerjaan: null });

/** The profile's parts in the form's order: key, label, choices. */
export function profileParts(q: Questionnaire): [ProfileKey, string, string[]][] {
  return [
    ['umur', i18n.t('skmAge'), q.umur],
    ['jenis_kelamin', i18n.t('skmSex'), q.jenis_kelamin],
    ['pendidikan', i18n.t('skmEducation'), q.pendidikan],
    ['pekerjaan', i18n.t('skmOccupation'), q.pekerjaan],
  ];
}
