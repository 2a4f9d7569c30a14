import { describe, expect, it } from 'vitest';
import { digitsOnly, formatDateTime, groupNik, layananLabel, searchHint, statusLabel } from './format';

describe('format', () => {
  it('writes dates the Indonesian way, keeping the stored local time', () => {
    expect(formatDateTime('2026-11-22T09:15:00+08:00')).toBe('22 November 2026 09.15');
    expect(formatDateTime('2026-01-05T14:03:00+07:00', 'en')).toBe('5 January 2026 14:03');
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
    expect(searchHint('12345')).toBe('nama');
    expect(searchHint('   ')).toBe('semua');
  });

  it('groups a NIK in fours as on the KTP', () => {
    expect(groupNik('5171-0110-11670001')).toBe('5171 0110 1167 0001');
    expect(digitsOnly('5171 0110.1167-0001')).toBe('5171011011670001');
  });
});
