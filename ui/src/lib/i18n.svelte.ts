// Bahasa Indonesia first, English second. Messages from the core stay Indonesian.
export type Lang = 'id' | 'en';

const dict = {
  appTitle: ['Loket Sertifikat Elektronik', 'Electronic Certificate Desk'],
  cases: ['Daftar permohonan', 'Applications'],
  newCase: ['Permohonan baru', 'New application'],
  searchPlaceholder: ['Cari nama, NIK (16 digit) atau NIP (18 digit)', 'Search name, NIK (16 digits) or NIP (18 digits)'],
  search: ['Cari', 'Search'],
  searchAs: ['Dicari sebagai', 'Searching by'],
  kind_semua: ['semua permohonan', 'all applications'],
  kind_nama: ['awal nama', 'name prefix'],
  kind_nik: ['NIK (persis)', 'NIK (exact)'],
  kind_nip: ['NIP (persis)', 'NIP (exact)'],
  colNomor: ['Nomor', 'Number'],
  colNama: ['Nama', 'Name'],
  colNik: ['NIK', 'NIK'],
  colNip: ['NIP', 'NIP'],
  colInstansi: ['Instansi', 'Agency'],
  colLayanan: ['Layanan', 'Service'],
  colStatus: ['Status', 'Status'],
  colTanggal: ['Diterima', 'Received'],
  empty: ['Belum ada permohonan.', 'No applications yet.'],
  notFound: ['Tidak ada permohonan yang cocok.', 'No matching application.'],
  prev: ['Sebelumnya', 'Previous'],
  next: ['Berikutnya', 'Next'],
  pageOf: ['Halaman {p} dari {n} ({t} permohonan)', 'Page {p} of {n} ({t} applications)'],
  back: ['Kembali', 'Back'],
  penerbitanTitle: ['Permohonan penerbitan sertifikat elektronik', 'Application for a new electronic certificate'],
  privacy: [
    'Data pribadi pemohon (NIK, foto KTP) dilindungi UU 27/2022 tentang Pelindungan Data Pribadi: hanya dipakai untuk layanan sertifikat elektronik, disimpan terenkripsi, dan setiap akses dicatat.',
    'Personal data (NIK, ID card photo) is protected under Law 27/2022: used only for the certificate service, stored encrypted, every access logged.',
  ],
  nama: ['Nama lengkap (sesuai KTP)', 'Full name (as on ID card)'],
  nik: ['NIK', 'NIK'],
  nikUlang: ['Ulangi NIK', 'Repeat NIK'],
  nip: ['NIP (kosongkan bila tidak ada)', 'NIP (leave empty if none)'],
  email: ['E-mail dinas', 'Official e-mail'],
  telepon: ['Nomor HP', 'Mobile number'],
  jabatan: ['Jabatan', 'Position'],
  unitKerja: ['Unit kerja', 'Work unit'],
  instansi: ['Instansi', 'Agency'],
  kanal: ['Diterima melalui', 'Received via'],
  save: ['Simpan permohonan', 'Save application'],
  saving: ['Menyimpan…', 'Saving…'],
  cancel: ['Batal', 'Cancel'],
  warningsTitle: ['Ada peringatan. Periksa kembali sebelum menyimpan:', 'There are warnings. Check before saving:'],
  saveAnyway: ['Data sudah benar, simpan', 'Data is correct, save'],
  saved: ['Permohonan {nomor} tersimpan.', 'Application {nomor} saved.'],
  confirmLeave: ['Isian belum disimpan. Tinggalkan formulir?', 'The form is not saved. Leave it?'],
  stay: ['Tetap di formulir', 'Stay on the form'],
  leave: ['Tinggalkan', 'Leave'],
  applicant: ['Pemohon', 'Applicant'],
  history: ['Riwayat', 'History'],
  colWaktu: ['Waktu', 'Time'],
  colOleh: ['Oleh', 'By'],
  colDari: ['Dari', 'From'],
  colKe: ['Ke', 'To'],
  colCatatan: ['Catatan', 'Note'],
  notReadyTitle: ['Loket belum dapat dipakai', 'Loket cannot be used yet'],
  database: ['Basis data', 'Database'],
  operator: ['Petugas', 'Operator'],
  loading: ['Memuat…', 'Loading…'],
  shortcuts: ['Pintasan: Alt+N permohonan baru · / cari · Esc kembali', 'Shortcuts: Alt+N new · / search · Esc back'],
} as const satisfies Record<string, readonly [string, string]>;

export type Key = keyof typeof dict;

class I18n {
  lang = $state<Lang>('id');
  t = (key: Key, vars: Record<string, string | number> = {}): string => {
    const text: string = dict[key][this.lang === 'id' ? 0 : 1];
    return text.replace(/\{(\w+)\}/g, (_, k: string) => String(vars[k] ?? `{${k}}`));
  };
  toggle = () => {
    this.lang = this.lang === 'id' ? 'en' : 'id';
  };
}

export const i18n = new I18n();
