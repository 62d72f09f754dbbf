import fc from 'fast-check';
import { parseTimestamp } from '../../simulator/timestamp';

describe('x-timestamp parsing', () => {
  const instant = fc.date({
    min: new Date('2000-01-01T00:00:00Z'),
    max: new Date('2099-12-31T23:59:59Z'),
    noInvalidDate: true,
  });

  it('reads every SDK format of the same instant to the same millisecond', () => {
    fc.assert(
      fc.property(instant, fc.stringMatching(/^\d{0,6}$/), (date, extraDigits) => {
        const iso = date.toISOString();
        const expected = date.getTime();
        expect(parseTimestamp(iso)).toBe(expected); // Node: milliseconds
        expect(parseTimestamp(iso.replace('Z', `${extraDigits}Z`))).toBe(expected); // Java, .NET: more digits
        expect(parseTimestamp(iso.replace('Z', '+00:00'))).toBe(expected); // Python
      }),
    );
  });

  it('reads seconds-only timestamps and explicit offsets', () => {
    expect(parseTimestamp('2014-06-04T13:41:58Z')).toBe(Date.UTC(2014, 5, 4, 13, 41, 58));
    expect(parseTimestamp('2014-06-04T15:41:58+02:00')).toBe(Date.UTC(2014, 5, 4, 13, 41, 58));
  });

  it.each([
    '',
    '2014-06-04T13:41:58',
    '2014-06-04 13:41:58Z',
    '2014-02-31T00:00:00Z',
    '2014-06-04T25:00:00Z',
    'Wed, 04 Jun 2014 13:41:58 GMT',
    '1401889318',
  ])('refuses %p', (value) => {
    expect(parseTimestamp(value)).toBeUndefined();
  });
});
