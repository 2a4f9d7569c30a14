import { describe, expect, it } from 'vitest';
import { ApiError } from './api';
import { Task } from './task.svelte';

const refusedAtField = new ApiError({
  kind: 'invalid',
  message: 'Periksa kembali isian yang ditandai.',
  fields: { tanggal: 'Tanggal tidak dikenal.' },
});

describe('Task', () => {
  it('is busy while the call runs and keeps what it achieved', async () => {
    const t = new Task();
    let release: (v: number) => void = () => {};
    const running = t.run(
      () => new Promise<number>((r) => (release = r)),
      (n) => `tersimpan ${n}`,
    );
    expect(t.busy, 'busy while the core works').toBe(true);
    release(7);
    expect(await running).toBe(7);
    expect(t.busy).toBe(false);
    expect(t.done).toBe('tersimpan 7');
    expect(t.problem).toBe('');
  });

  it('puts a refusal next to its fields, and only then nowhere else', async () => {
    const t = new Task();
    expect(await t.run(() => Promise.reject(refusedAtField))).toBeUndefined();
    expect(t.at('tanggal')).toBe('Tanggal tidak dikenal.');
    expect(t.problem, 'a field named is shown at the field, not twice').toBe('');
    expect(t.summary, 'the general message stays for the screens that show it above the fields').toBe(
      'Periksa kembali isian yang ditandai.',
    );
    expect(t.busy).toBe(false);
  });

  it('shows a failure that names no field as the problem', async () => {
    const t = new Task();
    await t.run(() => Promise.reject(new ApiError({ kind: 'failed', message: 'Basis data tidak terjangkau.' })));
    expect(t.problem).toBe('Basis data tidak terjangkau.');
    expect(t.fields).toEqual({});
  });

  it('forgets the last outcome when run again, and starts no second call while one runs', async () => {
    const t = new Task();
    await t.run(() => Promise.reject(refusedAtField));
    let calls = 0;
    let release: () => void = () => {};
    const first = t.run(() => {
      calls++;
      return new Promise<void>((r) => (release = r));
    });
    expect(t.at('tanggal'), 'the old refusal is gone once the next try starts').toBe('');
    expect(await t.run(() => Promise.resolve(calls++))).toBeUndefined();
    release();
    await first;
    expect(calls, 'a double press starts one call').toBe(1);
  });

  it('runs the newest of the loads asked for while one ran, once, after it', async () => {
    const t = new Task();
    const asked: string[] = [];
    const releases: (() => void)[] = [];
    const load = (q: string) =>
      t.latest(() => {
        asked.push(q);
        return new Promise<string>((r) => releases.push(() => r(q)));
      });
    const first = load('semua');
    const second = load('baru');
    const third = load('ditolak');
    expect(await second, 'a waiting load that a newer one replaced gets nothing').toBeUndefined();
    const release = (i: number) => {
      const r = releases[i];
      expect(r, `load ${i + 1} has started`).toBeDefined();
      r?.();
    };
    release(0);
    expect(await first).toBe('semua');
    await Promise.resolve();
    release(1);
    expect(await third, 'the newest question is answered last').toBe('ditolak');
    expect(asked, 'the replaced load never ran').toEqual(['semua', 'ditolak']);
  });
});
