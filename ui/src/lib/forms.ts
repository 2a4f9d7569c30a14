// The service's own part of a form, empty: every service reads only its own fields.
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
