import { describe, expect, it } from 'vitest';
import { OccupationCoder } from '../../src/admin/occupation-code.js';
import { createDefaultMatcher, loadOccupationCodes } from '../../src/matching/index.js';

describe('the KBJI code of a vacancy', () => {
  it("gives a vacancy its own code, else the code of the occupation its title names, else its skills'; none when unsure", () => {
    const matcher = createDefaultMatcher();
    const coder = new OccupationCoder(matcher, loadOccupationCodes(matcher.tokenizer.dictionary));
    const code = (title: string, requiredSkills: string[] = [], occupationCode?: string) => coder.codeOf({ title, requiredSkills, ...(occupationCode ? { occupationCode } : {}) });
    expect(code('Satpam Pabrik')).toBe('5414');
    expect(code('Sopir Truk Ekspedisi')).toBe('8332');
    expect(code('Staff Admin Gudang')).toBe('4321');
    expect(code('Security', [], '541401')).toBe('541401');
    expect(code('Operator Produksi', ['admin'])).toBeUndefined();
    expect(code('Lowongan Shift Malam', ['cleaning service'])).toBe('9112');
    expect(code('Lowongan Shift Malam', ['las smaw'])).toBeUndefined();
  });
});
