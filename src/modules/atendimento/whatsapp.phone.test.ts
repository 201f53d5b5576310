import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { toE164 } from './whatsapp.phone.js';

describe('toE164: Brazil by default, the ninth digit restored (whatsapp.md §5.1)', () => {
  it('canonicalizes the ways Brazilians write a number', () => {
    const cases: [string, string][] = [
      ['(11) 91234-5678', '+5511912345678'],
      ['11912345678', '+5511912345678'],
      ['011 91234-5678', '+5511912345678'],
      ['5511912345678', '+5511912345678'],
      ['+55 11 91234-5678', '+5511912345678'],
      ['005511912345678', '+5511912345678'],
      ['5599999999999', '+5599999999999'],
      ['(11) 3456-7890', '+551134567890'],
      ['551134567890', '+551134567890'],
      // Pre-2016 mobiles (8 digits starting 6-9) get their 9, with or without the country.
      ['(31) 8888-7777', '+5531988887777'],
      ['553188887777', '+5531988887777'],
      ['+1 (415) 555-2671', '+14155552671'],
    ];
    for (const [input, expected] of cases) assert.equal(toE164(input), expected, input);
  });

  it('refuses what cannot be a usable number', () => {
    for (const input of ['', '123', 'abc', '(00) 91234-5678', '(20) 91234-5678', '(11) 1234-5678', '11 81234-56789', '+0 123456789', '5511912345678; DROP', '+55 11 91234-567890']) {
      assert.equal(toE164(input), undefined, input);
    }
  });
});
