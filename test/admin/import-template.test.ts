import { parse as parseCsv } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { importTemplateCsv } from '../../src/admin/import-template.js';

describe('importTemplateCsv', () => {
  it('dates the examples by the WIB calendar: 00.30 WIB on 5 December is already the 5th', () => {
    const rows = parseCsv<{ deadline: string }>(importTemplateCsv(new Date('2026-12-04T17:30:00Z')), { columns: true });
    expect(rows.map((r) => r.deadline)).toEqual(['2027-01-30', '2027-01-16']);
  });
});
