import { centsToDollars, dollarsToCents } from '../../nodes/usage/cents';

describe('dollar text ↔ cents', () => {
	it.each([
		['125.50', 12_550],
		['125.5', 12_550],
		['125.', 12_500],
		[' 7 ', 700],
		['$3.07', 307],
		['0', 0],
		['0.29', 29], // 0.29 * 100 is 28.999999999999996 in floating point
		[1.15, 115], // 1.15 * 100 is 114.99999999999999
		['90071992547409.91', 9_007_199_254_740_991],
	])('%j is %d cents', (input, cents) => {
		expect(dollarsToCents(input)).toEqual({ cents });
	});

	it.each([
		['-5', /negative/],
		['abc', /not an amount/],
		['1,000', /not an amount/],
		['1e3', /not an amount/],
		['', /empty/],
		['0.125', /more than 2 decimals/],
		[Number.NaN, /not a number/],
		[null, /not a number/],
		['90071992547409.92', /too large/],
	])('%j is refused', (input, problem) => {
		const reading = dollarsToCents(input);
		expect('problem' in reading && reading.problem).toMatch(problem);
	});

	it.each([
		[12_550, '125.50'],
		[5, '0.05'],
		[0, '0.00'],
		[-5, '-0.05'],
		[100_000, '1000.00'],
	])('%d cents is "%s"', (cents, text) => {
		expect(centsToDollars(cents)).toBe(text);
	});
});
