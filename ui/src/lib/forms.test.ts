import { describe, expect, it } from 'vitest';
import { newServicePart, serviceInput } from './forms';

describe('the service part a form sends', () => {
  it('sends only the chosen service’s own fields', () => {
    const part = newServicePart('Saya menyatakan…', '05/12/2026');
    part.dataOk = true;
    part.reason = 'mutasi';
    part.alasan = 'Promosi.';
    const renewal = serviceInput('pembaruan', part, [7]);
    expect(renewal.data_dikonfirmasi).toBe(true);
    expect(renewal.revocation_reason, 'a renewal sends no revocation').toBeNull();
    expect(renewal.certificate_ids).toEqual([7]);
    const revocation = serviceInput('pencabutan', part, [7, 8]);
    expect([revocation.revocation_reason, revocation.berlaku_mulai, revocation.data_dikonfirmasi]).toEqual(['mutasi', '05/12/2026', false]);
    const issuance = serviceInput('penerbitan', part, [7]);
    expect(issuance.certificate_ids, 'a new certificate names none held').toEqual([]);
    expect(issuance.alasan).toBe('');
  });

  it('fills a data change’s empty new values from what is kept, only when asked', () => {
    const part = newServicePart('', '');
    part.baru.jabatan = 'Kepala Seksi';
    const keep = { nama: 'Ayu', nip: '', email: 'ayu@x.go.id', telepon: '', jabatan: 'Staf', unit_kerja: 'Persandian', instansi: 'Diskominfo' };
    const atKiosk = serviceInput('perubahan_data', part, [], keep);
    expect(atKiosk.data_baru).toEqual({ ...keep, jabatan: 'Kepala Seksi' });
    const atDesk = serviceInput('perubahan_data', part, []);
    expect(atDesk.data_baru?.nama, 'the desk sends what it shows').toBe('');
  });
});
