// The label of every value of an enum the core sends, one record per enum.
// Each record is typed `Record<Enum, Key>`: a value added in Rust (and so in
// the generated binding) without a label here, or a label naming no i18n
// entry, fails the type check instead of showing a raw code on screen.
import { i18n, type Key } from './i18n.svelte';
import type { ChangeKind } from './bindings/ChangeKind';
import type { Jenis } from './bindings/Jenis';
import type { Kelompok } from './bindings/Kelompok';
import type { LetterStatus } from './bindings/LetterStatus';
import type { Relation } from './bindings/Relation';
import type { Role } from './bindings/Role';
import type { SearchKind } from './bindings/SearchKind';
import type { StatusPengaduan } from './bindings/StatusPengaduan';

const ROLE: Record<Role, Key> = {
  admin: 'role_admin',
  verifikator: 'role_verifikator',
  operator: 'role_operator',
  kiosk: 'role_kiosk',
  pimpinan: 'role_pimpinan',
};

const JENIS: Record<Jenis, Key> = {
  rekomendasi_pendaftaran: 'jenis_rekomendasi_pendaftaran',
  rekomendasi_pembaruan: 'jenis_rekomendasi_pembaruan',
  rekomendasi_pencabutan: 'jenis_rekomendasi_pencabutan',
  penolakan: 'jenis_penolakan',
  tanda_terima: 'jenis_tanda_terima',
};

const LETTER_STATUS: Record<LetterStatus, Key> = {
  draf: 'lstatus_draf',
  terbit: 'lstatus_terbit',
  final: 'lstatus_final',
  batal: 'lstatus_batal',
};

const CHANGE_KIND: Record<ChangeKind, Key> = {
  perubahan_data: 'kind_perubahan_data',
  koreksi: 'kind_koreksi',
};

const SEARCH_KIND: Record<SearchKind, Key> = {
  semua: 'kind_semua',
  nama: 'kind_nama',
  nik: 'kind_nik',
  nip: 'kind_nip',
  nomor: 'kind_nomor',
};

const KELOMPOK: Record<Kelompok, Key> = {
  jatuh_tempo_hari_ini: 'group_jatuh_tempo_hari_ini',
  terlambat: 'group_terlambat',
  menunggu_pemohon: 'group_menunggu_pemohon',
  menunggu_bsre: 'group_menunggu_bsre',
  baru: 'group_baru',
};

const STATUS_PENGADUAN: Record<StatusPengaduan, Key> = {
  diterima: 'cmpStatus_diterima',
  ditindaklanjuti: 'cmpStatus_ditindaklanjuti',
  selesai: 'cmpStatus_selesai',
};

const RELATION: Record<Relation, Key> = { induk: 'rel_induk', lanjutan: 'rel_lanjutan', rantai: 'rel_rantai' };

export const roleLabel = (r: Role) => i18n.t(ROLE[r]);
export const jenisLabel = (j: Jenis) => i18n.t(JENIS[j]);
export const letterStatusLabel = (s: LetterStatus) => i18n.t(LETTER_STATUS[s]);
export const changeKindLabel = (k: ChangeKind) => i18n.t(CHANGE_KIND[k]);
export const searchKindLabel = (k: SearchKind) => i18n.t(SEARCH_KIND[k]);
export const kelompokLabel = (k: Kelompok) => i18n.t(KELOMPOK[k]);
export const statusPengaduanLabel = (s: StatusPengaduan) => i18n.t(STATUS_PENGADUAN[s]);
export const relationLabel = (r: Relation) => i18n.t(RELATION[r]);
