import { describe, expect, it } from 'vitest';
import { ApiError, errorMessage, fieldErrors, localizedReport } from './api';
import { i18n } from './i18n.svelte';
import { commands } from './bindings/commands';

const refused = new ApiError({
  kind: 'invalid',
  message: 'Periksa kembali isian yang ditandai.',
  fields: { nik: 'NIK harus 16 digit (terisi 15 digit).', email: 'Alamat e-mail tidak valid.' },
});

describe('errorMessage', () => {
  it('shows the message of the field asked for, in the order asked', () => {
    expect(errorMessage(refused, 'email', 'nik')).toBe('Alamat e-mail tidak valid.');
    expect(errorMessage(refused, 'telepon', 'nik')).toBe('NIK harus 16 digit (terisi 15 digit).');
  });

  it('falls back to any field with *, then to the general message', () => {
    expect(errorMessage(refused, 'telepon', '*')).toBe('NIK harus 16 digit (terisi 15 digit).');
    expect(errorMessage(refused, 'telepon')).toBe('Periksa kembali isian yang ditandai.');
    expect(errorMessage(refused)).toBe('Periksa kembali isian yang ditandai.');
  });

  it('reads failures that are not refusals', () => {
    expect(errorMessage(new ApiError({ kind: 'failed', message: 'Kesalahan basis data: x' }), 'nik')).toBe(
      'Kesalahan basis data: x',
    );
    expect(errorMessage(new Error('jaringan'))).toBe('jaringan');
    expect(errorMessage('teks')).toBe('teks');
    expect(fieldErrors(new Error('jaringan'))).toEqual({});
    expect(fieldErrors(refused).nik).toContain('16 digit');
  });
});

describe('the language staff chose', () => {
  const withEnglish = new ApiError({
    kind: 'invalid',
    message: 'Periksa kembali isian yang ditandai.',
    message_en: 'Check the marked fields again.',
    fields: { nik: 'NIK harus 16 digit (terisi 15 digit).', catatan: 'Pesan tanpa terjemahan.' },
    fields_en: { nik: 'The NIK has 16 digits (15 typed).' },
  });

  it('shows the core English in English, and Indonesian where it has none', () => {
    i18n.lang = 'en';
    try {
      expect(errorMessage(withEnglish, 'nik')).toBe('The NIK has 16 digits (15 typed).');
      expect(errorMessage(withEnglish)).toBe('Check the marked fields again.');
      expect(fieldErrors(withEnglish)).toEqual({
        nik: 'The NIK has 16 digits (15 typed).',
        catatan: 'Pesan tanpa terjemahan.',
      });
      const report = localizedReport({
        errors: { nama: 'Nama wajib diisi.' },
        warnings: {},
        errors_en: { nama: 'The name is required.' },
        warnings_en: {},
      });
      expect(report.errors.nama).toBe('The name is required.');
    } finally {
      i18n.lang = 'id';
    }
    expect(errorMessage(withEnglish, 'nik')).toBe('NIK harus 16 digit (terisi 15 digit).');
  });
});

describe('generated command wrappers', () => {
  it('invoke each command by its Rust name with its arguments in camelCase', async () => {
    const calls: unknown[][] = [];
    const api = commands(async <T>(...args: unknown[]) => {
      calls.push(args);
      return null as T;
    });
    await api.revealNik(7);
    await api.checkRequirement(3, 'ktp', true);
    await api.exportReceipt(5, false);
    await api.appStatus();
    await api.attachDocument(new Uint8Array([1]), { 'x-case-id': '3' });
    expect(calls).toEqual([
      ['reveal_nik', { applicantId: 7 }],
      ['check_requirement', { id: 3, code: 'ktp', checked: true }],
      ['export_receipt', { caseId: 5, print: false }],
      ['app_status'],
      ['attach_document', new Uint8Array([1]), { 'x-case-id': '3' }],
    ]);
  });
});
