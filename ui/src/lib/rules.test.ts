import { describe, expect, it } from 'vitest';
import { applyRules, readRules } from './rules';
import type { Standard } from './bindings/Standard';

// Two services are enough to tell "the same for all" from "set differently".
function standard(chosen: boolean, a: [boolean, 'jam_layanan' | 'akhir_hari'], b: [boolean, 'jam_layanan' | 'akhir_hari']): Standard {
  const svc = ([jeda_bsre, akhir_tenggat]: [boolean, 'jam_layanan' | 'akhir_hari']) => ({ jeda_bsre, akhir_tenggat }) as unknown as Standard['layanan'][number];
  return { aturan_dipilih: chosen, layanan: [svc(a), svc(b)] } as unknown as Standard;
}

describe('the office deadline rules', () => {
  it('reads nothing as chosen until the office chose', () => {
    expect(readRules(standard(false, [true, 'jam_layanan'], [true, 'jam_layanan']))).toEqual({ bsre: '', akhir: '' });
  });

  it('reads a rule the services set differently as not chosen', () => {
    expect(readRules(standard(true, [true, 'akhir_hari'], [false, 'akhir_hari']))).toEqual({ bsre: '', akhir: 'akhir_hari' });
  });

  it('sets both rules on every service, and is chosen only with both', () => {
    const s = applyRules(standard(false, [true, 'jam_layanan'], [true, 'jam_layanan']), { bsre: 'dihitung', akhir: 'akhir_hari' });
    expect(s.aturan_dipilih).toBe(true);
    expect(s.layanan.map((l) => [l.jeda_bsre, l.akhir_tenggat])).toEqual([
      [false, 'akhir_hari'],
      [false, 'akhir_hari'],
    ]);
    expect(applyRules(standard(false, [true, 'jam_layanan'], [true, 'jam_layanan']), { bsre: 'tidak', akhir: '' }).aturan_dipilih).toBe(false);
  });
});
