/** How a declared document field is named as an SQLite generated column or side table. */
export function columnFor(field: string): string {
  if (field === 'id') return 'id';
  return `f_${field.replace(/\./g, '_')}`;
}

export function arrayTableFor(collection: string, field: string): string {
  return `${collection}__${field.replace(/\./g, '_')}`;
}
