import { describe, expect, it } from 'vitest';
import {
  zoneName,
  actionNeeds,
  digitsOnly,
  formatDate,
  formatDateTime,
  groupNik,
  layananLabel,
  parseDay,
  revocationLabel,
  searchHint,
  statusLabel,
} from './format';

describe('format', () => {
  it('writes dates dd/mm/yyyy, keeping the stored local time', () => {
    expect(formatDateTime('2026-11-22T09:15:00+08:00')).toBe('22/11/2026 09.15');
    expect(formatDateTime('2026-01-05T14:03:00+07:00', 'en')).toBe('05/01/2026 14:03');
  });

  it('leaves an unreadable date as it is rather than inventing one', () => {
    expect(formatDateTime('kemarin')).toBe('kemarin');
  });

  it('labels stored codes in both languages', () => {
    expect(layananLabel('perubahan_data')).toBe('Perubahan data');
    expect(layananLabel('pencabutan', 'en')).toBe('Revocation');
    expect(statusLabel('menunggu_bsre')).toBe('Menunggu BSrE');
  });

  it('reads the search box like the core does', () => {
    expect(searchHint('5171 0110 1167 0001')).toBe('nik');
    expect(searchHint('19671110.199203.1.001')).toBe('nip');
    expect(searchHint(' reg-2026-00012 ')).toBe('nomor');
    expect(searchHint('Regina')).toBe('nama');
    expect(searchHint('12345')).toBe('nama');
    expect(searchHint('   ')).toBe('semua');
  });

  it('groups a NIK in fours as on the KTP', () => {
    expect(groupNik('5171-0110-11670001')).toBe('5171 0110 1167 0001');
    expect(digitsOnly('5171 0110.1167-0001')).toBe('5171011011670001');
  });

  it('writes plain dates and revocation reasons for people', () => {
    expect(formatDate('2028-11-25')).toBe('25/11/2028');
    expect(revocationLabel('data_berubah')).toMatch(/Data berubah/);
  });

  it('asks for the AMS reference, the reason and the validity only where they apply', () => {
    expect(actionNeeds('ajukan_ams', false)).toMatchObject({ amsRef: true, reason: false });
    expect(actionNeeds('tolak', false)).toMatchObject({ reason: true, destructive: true });
    expect(actionNeeds('selesai', true).validity).toBe(true);
    expect(actionNeeds('selesai', false).validity).toBe(false);
    expect(actionNeeds('berkas_kurang', false).noteRequired).toBe(true);
  });

  it('reads a day typed dd/mm/yyyy and refuses one not in the calendar', () => {
    expect(parseDay('25/11/2028')).toBe('2028-11-25');
    expect(parseDay(' 5-1-2027 ')).toBe('2027-01-05');
    expect(parseDay('31/02/2027')).toBeNull();
    expect(parseDay('2027-01-05')).toBeNull();
    expect(parseDay('')).toBeNull();
  });
});

describe('zoneName', () => {
  it('names the three Indonesian zones as printed pages do, and any other offset by its hours', () => {
    expect([420, 480, 540].map(zoneName)).toEqual(['WIB', 'WITA', 'WIT']);
    expect(zoneName(0)).toBe('UTC+0:00');
    expect(zoneName(-210)).toBe('UTC-3:30');
  });
});
