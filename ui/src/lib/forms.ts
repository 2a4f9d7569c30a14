// The service's own part of a form (what a renewal, a revocation or a data
// change asks beyond the person), as the desk and the kiosk both hold it
// while it is typed, and as the core reads it. The fields are shown by one
// component, components/ServicePart.svelte.
import type { Layanan } from './bindings/Layanan';
import type { PersonData } from './bindings/PersonData';
import type { RevocationReason } from './bindings/RevocationReason';
import type { ServiceFormInput } from './bindings/ServiceFormInput';

/** A service form with nothing filled in; spread a service's own fields over it. */
export function emptyServiceForm(): ServiceFormInput {
  return {
    certificate_ids: [],
    data_dikonfirmasi: false,
    revocation_reason: null,
    berlaku_mulai: '',
    pernyataan: '',
    data_baru: null,
    nik_baru: '',
    nik_baru_ulang: '',
    alasan: '',
  };
}

/** A person's data with nothing filled in. */
export function emptyPersonData(): PersonData {
  return { nama: '', nip: '', email: '', telepon: '', jabatan: '', unit_kerja: '', instansi: '' };
}

/** The service's own part while it is typed (every service's fields; the chosen one's are sent). */
export interface ServicePart {
  /** Renewal: the data in BSrE's system has not changed. */
  dataOk: boolean;
  /** Revocation: why, from when, and the applicant's statement. */
  reason: RevocationReason | null;
  berlakuMulai: string;
  pernyataan: string;
  /** Data change: the new values, a corrected NIK typed twice, and why. */
  baru: PersonData;
  nikBaru: string;
  nikBaruUlang: string;
  alasan: string;
}

/** A new part: the statement's usual text, the revocation from `berlakuMulai` (today, as typed). */
export function newServicePart(pernyataan: string, berlakuMulai: string): ServicePart {
  return {
    dataOk: false,
    reason: null,
    berlakuMulai,
    pernyataan,
    baru: emptyPersonData(),
    nikBaru: '',
    nikBaruUlang: '',
    alasan: '',
  };
}

/**
 * The service form the core reads for `layanan`: only that service's own
 * fields. `keep` fills a data change's new values left empty (the kiosk asks
 * only for what changes; the desk starts from the values on record).
 */
export function serviceInput(layanan: Layanan, part: ServicePart, certificateIds: number[], keep?: PersonData): ServiceFormInput {
  const form = emptyServiceForm();
  if (layanan === 'pembaruan' || layanan === 'pencabutan') form.certificate_ids = certificateIds;
  if (layanan === 'pembaruan') form.data_dikonfirmasi = part.dataOk;
  if (layanan === 'pencabutan') {
    form.revocation_reason = part.reason;
    form.berlaku_mulai = part.berlakuMulai;
    form.pernyataan = part.pernyataan;
  }
  if (layanan === 'perubahan_data') {
    const baru = { ...part.baru };
    if (keep) for (const f of Object.keys(baru) as (keyof PersonData)[]) baru[f] = baru[f].trim() || keep[f];
    form.data_baru = baru;
    form.nik_baru = part.nikBaru;
    form.nik_baru_ulang = part.nikBaruUlang;
    form.alasan = part.alasan;
  }
  return form;
}
