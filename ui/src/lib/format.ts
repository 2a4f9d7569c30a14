// Display helpers: Indonesian dates, labels for stored codes, input grouping.
import type { Layanan } from './bindings/Layanan';
import type { Status } from './bindings/Status';
import type { Kanal } from './bindings/Kanal';
import type { Action } from './bindings/Action';
import type { CertStatus } from './bindings/CertStatus';
import type { RevocationReason } from './bindings/RevocationReason';
import type { Lang } from './i18n.svelte';

/**
 * "2026-11-22T09:15:00+08:00" -> "22/11/2026 09.15": the desk writes dates
 * dd/mm/yyyy, in the desk's own offset as stored (English: "22/11/2026 09:15").
 */
export function formatDateTime(rfc3339: string, lang: Lang = 'id'): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(rfc3339);
  if (!m) return rfc3339;
  const [, y, mo, d, h, mi] = m;
  const sep = lang === 'id' ? '.' : ':';
  return `${d}/${mo}/${y} ${h}${sep}${mi}`;
}

const LAYANAN: Record<Layanan, [string, string]> = {
  penerbitan: ['Penerbitan', 'Issuance'],
  pembaruan: ['Pembaruan', 'Renewal'],
  perubahan_data: ['Perubahan data', 'Data change'],
  pencabutan: ['Pencabutan', 'Revocation'],
};

const STATUS: Record<Status, [string, string]> = {
  diterima: ['Diterima', 'Received'],
  berkas_kurang: ['Berkas kurang', 'Documents missing'],
  berkas_lengkap: ['Berkas lengkap', 'Documents complete'],
  rekomendasi_terbit: ['Rekomendasi terbit', 'Recommendation issued'],
  diajukan_ams: ['Diajukan di AMS', 'Submitted in AMS'],
  menunggu_pemohon: ['Menunggu pemohon', 'Waiting for applicant'],
  menunggu_bsre: ['Menunggu BSrE', 'Waiting for BSrE'],
  selesai: ['Selesai', 'Done'],
  ditolak: ['Ditolak', 'Rejected'],
  dibatalkan: ['Dibatalkan', 'Withdrawn'],
};

const KANAL: Record<Kanal, [string, string]> = {
  loket: ['Loket', 'Counter'],
  kiosk: ['Kiosk', 'Kiosk'],
  myasn: ['myASN', 'myASN'],
  surel: ['Surel kantor', 'Office e-mail'],
};

const pick = (pair: [string, string], lang: Lang) => (lang === 'id' ? pair[0] : pair[1]);

export const layananLabel = (l: Layanan, lang: Lang = 'id') => pick(LAYANAN[l], lang);
export const statusLabel = (s: Status, lang: Lang = 'id') => pick(STATUS[s], lang);
export const kanalLabel = (k: Kanal, lang: Lang = 'id') => pick(KANAL[k], lang);

/** Digits only, as the core reads NIK/NIP (spaces, dots and dashes dropped). */
export function digitsOnly(s: string): string {
  return s.replace(/[\s.\-]/g, '');
}

/** Groups a NIK as printed on the KTP for easier comparison: 5171 0110 1167 0001. */
export function groupNik(s: string): string {
  const d = digitsOnly(s);
  return d.replace(/(\d{4})(?=\d)/g, '$1 ').trim();
}

/** What the search box will be read as, so the desk sees it before pressing Enter. */
export function searchHint(q: string): 'semua' | 'nik' | 'nip' | 'nama' | 'nomor' {
  const d = digitsOnly(q);
  if (/^REG-\d{4}-\d{1,10}$/i.test(q.trim())) return 'nomor';
  if (/^\d+$/.test(d) && d.length === 16) return 'nik';
  if (/^\d+$/.test(d) && d.length === 18) return 'nip';
  return q.trim() === '' ? 'semua' : 'nama';
}

const ACTION: Record<Action, [string, string]> = {
  berkas_kurang: ['Berkas kurang', 'Documents missing'],
  berkas_lengkap: ['Berkas lengkap', 'Documents complete'],
  terbitkan_rekomendasi: ['Surat rekomendasi terbit', 'Recommendation issued'],
  ajukan_ams: ['Diajukan di AMS', 'Submitted in AMS'],
  tunggu_pemohon: ['Menunggu pemohon', 'Wait for applicant'],
  tunggu_bsre: ['Menunggu BSrE', 'Wait for BSrE'],
  selesai: ['Selesai (BSrE memutuskan)', 'Done (BSrE decided)'],
  tolak: ['Tolak', 'Reject'],
  batalkan: ['Batalkan', 'Withdraw'],
};

const CERT: Record<CertStatus, [string, string]> = {
  aktif: ['Aktif', 'Active'],
  kedaluwarsa: ['Kedaluwarsa', 'Expired'],
  dicabut: ['Dicabut', 'Revoked'],
  digantikan: ['Digantikan', 'Superseded'],
};

const REVOCATION: Record<RevocationReason, [string, string]> = {
  mutasi: ['Mutasi / pindah instansi', 'Transfer to another agency'],
  pensiun: ['Pensiun / berhenti / meninggal', 'Retired / left / deceased'],
  kunci_bocor: ['Passphrase atau kunci bocor', 'Passphrase or key leaked'],
  data_berubah: ['Data berubah (diganti)', 'Data changed (superseded)'],
  lainnya: ['Lainnya', 'Other'],
};

export const actionLabel = (a: Action, lang: Lang = 'id') => pick(ACTION[a], lang);
export const certLabel = (c: CertStatus, lang: Lang = 'id') => pick(CERT[c], lang);
export const revocationLabel = (r: RevocationReason, lang: Lang = 'id') => pick(REVOCATION[r], lang);
export const REVOCATION_REASONS = Object.keys(REVOCATION) as RevocationReason[];

/** "2028-11-25" -> "25/11/2028". */
export function formatDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : iso;
}

/** Today as the desk types a day, dd/mm/yyyy (this computer's clock). */
export function todayTyped(): string {
  const d = new Date();
  return `${String(d.getDate()).padStart(2, '0')}/${String(d.getMonth() + 1).padStart(2, '0')}/${d.getFullYear()}`;
}

/**
 * A day as typed at the desk, "25/11/2028" (also "25-11-2028" or
 * "25.11.2028"), as "2028-11-25"; `null` when it is not a day of the calendar.
 */
export function parseDay(typed: string): string | null {
  const m = /^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\s*$/.exec(typed);
  if (!m) return null;
  const [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null;
  return `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** Which extra inputs an action's form needs. */
export function actionNeeds(a: Action, finishingIssuance: boolean) {
  return {
    noteRequired: a === 'berkas_kurang' || a === 'batalkan',
    amsRef: a === 'ajukan_ams',
    reason: a === 'tolak',
    validity: a === 'selesai' && finishingIssuance,
    destructive: a === 'tolak' || a === 'batalkan',
  };
}

/** The zone this computer's clock is in, as printed pages name it: WIB
 * (UTC+7), WITA (UTC+8), WIT (UTC+9), else "UTC+h:mm" (the core's
 * `deadline::zona`, for the screens that say what will be printed). */
export function zoneName(offsetMinutesEast: number): string {
  const named: Record<number, string> = { 420: 'WIB', 480: 'WITA', 540: 'WIT' };
  const name = named[offsetMinutesEast];
  if (name) return name;
  const sign = offsetMinutesEast < 0 ? '-' : '+';
  const m = Math.abs(offsetMinutesEast);
  return `UTC${sign}${Math.floor(m / 60)}:${String(m % 60).padStart(2, '0')}`;
}

/** The zone of this desk's clock now. */
export const deskZone = (): string => zoneName(-new Date().getTimezoneOffset());
