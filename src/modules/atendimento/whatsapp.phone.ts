/** Brazil's area codes (DDD) in use; a number with another is refused rather than sent into the void. */
const BR_AREA_CODES = new Set(
  [
    '11 12 13 14 15 16 17 18 19 21 22 24 27 28 31 32 33 34 35 37 38 41 42 43 44 45 46 47 48 49 51 53 54 55',
    '61 62 63 64 65 66 67 68 69 71 73 74 75 77 79 81 82 83 84 85 86 87 88 89 91 92 93 94 95 96 97 98 99',
  ]
    .join(' ')
    .split(' '),
);

/**
 * Validates a recipient and returns it in E.164 (`+5511912345678`), Brazil being the default country;
 * undefined when it is not a usable number.
 *
 * The ninth-digit trap (reference whatsapp.md §5.1): a mobile written the pre-2016 way, 8 digits
 * starting with 6-9 (`(31) 8888-7777`), is not a valid Brazilian number today, and no digit rule tells
 * which form a WhatsApp account was registered with. The canonical form gets the 9 (`+5531988887777`);
 * the Cloud API resolves it to the account's `wa_id`, which inbound messages then carry.
 */
export function toE164(input: string): string | undefined {
  const trimmed = input.trim();
  if (!/^\+?[\d\s().-]+$/.test(trimmed)) return undefined;
  let digits = trimmed.replace(/\D/g, '');
  const international = trimmed.startsWith('+') || trimmed.startsWith('00');
  if (trimmed.startsWith('00')) digits = digits.slice(2);
  if (!international) {
    // National forms: `0 DDD number` (trunk prefix) or `DDD number`; 12-13 digits starting with 55 carry the country.
    if (digits.startsWith('0')) digits = digits.slice(1);
    if (!(digits.startsWith('55') && (digits.length === 12 || digits.length === 13))) digits = `55${digits}`;
  }
  if (!digits.startsWith('55')) return digits.length >= 8 && digits.length <= 15 && digits[0] !== '0' ? `+${digits}` : undefined;
  const national = digits.slice(2);
  const area = national.slice(0, 2);
  let subscriber = national.slice(2);
  if (!BR_AREA_CODES.has(area)) return undefined;
  if (subscriber.length === 8 && /^[6-9]/.test(subscriber)) subscriber = `9${subscriber}`;
  const mobile = subscriber.length === 9 && subscriber.startsWith('9');
  const landline = subscriber.length === 8 && /^[2-5]/.test(subscriber);
  return mobile || landline ? `+55${area}${subscriber}` : undefined;
}
