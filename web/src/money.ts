const twoDecimals = new Intl.NumberFormat('pt-BR', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** `1500` → `1.500,00`: what a money field shows once the user leaves it. */
export function formatMoneyField(value: number): string {
  return twoDecimals.format(value);
}

/**
 * Reads money the way it is written in Brazil: `.` groups thousands and `,` is the decimal
 * (`1.500` is 1500, `1.234,56` is 1234.56; `R$` and spaces are ignored, so a pasted `R$ 1.234,56`
 * reads). Two forms from elsewhere are read too, because they cannot be thousands: `1,234.56`
 * (both marks, the dot last) and a dot followed by one or two final digits (`89.9`). Null when there
 * is no digit or more than two decimals.
 */
export function parseMoney(text: string): number | null {
  let cleaned = text.replace(/[^\d.,-]/g, '');
  if (!/\d/.test(cleaned) || cleaned.includes('-')) return null;
  const lastDot = cleaned.lastIndexOf('.');
  const lastComma = cleaned.lastIndexOf(',');
  const dotIsDecimal = (lastDot > lastComma && lastComma >= 0) || (lastComma < 0 && /^\d*\.\d{1,2}$/.test(cleaned));
  if (dotIsDecimal) cleaned = cleaned.replace(/,/g, '').replace(/\.(?=.*\.)/g, '');
  else cleaned = cleaned.replace(/\./g, '').replace(',', '.');
  if (!/^\d*(\.\d{0,2})?$/.test(cleaned)) return null;
  const value = Number(cleaned);
  return Number.isFinite(value) ? value : null;
}

/** What the user may type: digits and separators; a second decimal comma and a third decimal are dropped. */
export function sanitizeMoneyTyping(text: string): string {
  const kept = text.replace(/[^\d.,]/g, '');
  const comma = kept.indexOf(',');
  if (comma < 0) return kept;
  const decimals = kept.slice(comma + 1).replace(/[.,]/g, '').slice(0, 2);
  return `${kept.slice(0, comma)},${decimals}`;
}
