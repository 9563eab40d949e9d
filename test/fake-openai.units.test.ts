import { FakeClock, formatDuration, maskApiKey, readQueryParams } from './fake-openai';
import { bucketsFrom, decodePageCursor, encodePageCursor } from './fake-openai/areas/admin/timeBuckets';
import { formatMicrosAsDecimalString } from './fake-openai/areas/admin/costs';
import { createPrng, hash32 } from './fake-openai/deterministic';
import { parseQuery } from './fake-openai/query';
import { Router } from './fake-openai/router';

describe('formatDuration (Go style, as in x-ratelimit-reset-*)', () => {
	it.each([
		[0, '0s'],
		[0.2, '1ms'],
		[120, '120ms'],
		[999.5, '1000ms'],
		[1000, '1s'],
		[8640, '8.64s'],
		[60_000, '1m0s'],
		[360_000, '6m0s'],
		[90_500, '1m30.5s'],
		[3_600_000, '1h0m0s'],
	])('%p ms -> %p', (ms, text) => {
		expect(formatDuration(ms)).toBe(text);
	});
});

describe('maskApiKey', () => {
	it('keeps the first 8 and last 4 characters, same length', () => {
		expect(maskApiKey('sk-proj-fake-project-key-0001')).toBe(`sk-proj-${'*'.repeat(17)}0001`);
		expect(maskApiKey('short')).toBe('***rt');
		expect(maskApiKey('ab')).toBe('**');
	});
});

describe('parseQuery', () => {
	it('reads brackets, repeated keys and plain values; keeps index forms literal', () => {
		expect(parseQuery('a=1&b[]=x&b[]=y&c=p&c=q&d=m,n&e[0]=z&f=%20sp+ace')).toEqual({
			a: '1',
			b: ['x', 'y'],
			c: ['p', 'q'],
			d: 'm,n',
			'e[0]': 'z',
			f: ' sp ace',
		});
		expect(parseQuery('one[]=only')).toEqual({ one: ['only'] });
		expect(parseQuery('')).toEqual({});
	});

	it('keeps __proto__ as a plain own key', () => {
		const query = parseQuery('__proto__=x');
		expect(Object.keys(query)).toEqual(['__proto__']);
		expect(Object.getPrototypeOf(query)).toBe(Object.prototype);
	});
});

describe('readQueryParams', () => {
	const spec = {
		n: { type: 'integer', default: 3 },
		flag: { type: 'boolean' },
		list: { type: 'array', enum: ['a', 'b'] },
	} as const;

	it('applies defaults, splits comma lists and dedupes', () => {
		expect(readQueryParams({ list: ['a', 'b,a'], flag: 'true' }, spec)).toEqual({ n: 3, flag: true, list: ['a', 'b'] });
	});

	it('rejects bad booleans', () => {
		expect(() => readQueryParams({ flag: 'yes' }, spec)).toThrow("Invalid type for 'flag': expected a boolean, but got a string instead.");
	});
});

describe('Router', () => {
	const router = new Router<{ method: string; path: string; name: string }>();
	router.add({ method: 'GET', path: '/v1/models', name: 'list' });
	router.add({ method: 'GET', path: '/v1/models/{model}', name: 'get' });
	router.add({ method: 'GET', path: '/v1/a/{x}/b/{y}', name: 'two' });

	it('matches static and parameterized routes', () => {
		expect(router.match('GET', '/v1/models')?.route.name).toBe('list');
		expect(router.match('get', '/v1/models/ft:x::y')).toMatchObject({ route: { name: 'get' }, params: { model: 'ft:x::y' } });
		expect(router.match('GET', '/v1/a/1/b/2')?.params).toEqual({ x: '1', y: '2' });
		expect(router.match('GET', '/v1/models/')).toBeNull();
		expect(router.match('POST', '/v1/models')).toBeNull();
	});

	it('refuses duplicates', () => {
		expect(() => router.add({ method: 'GET', path: '/v1/models/{id}', name: 'dup' })).toThrow(/Duplicate route/);
	});
});

describe('time buckets and cursors', () => {
	it('aligns to UTC days after a partial first bucket', () => {
		const day = 86_400;
		expect(bucketsFrom(day + 600, 3 * day + 60, day, 10)).toEqual([
			{ start: day + 600, end: 2 * day },
			{ start: 2 * day, end: 3 * day },
			{ start: 3 * day, end: 3 * day + 60 },
		]);
		expect(bucketsFrom(0, 10 * day, day, 2)).toHaveLength(2);
	});

	it('round-trips cursors and rejects tampering', () => {
		const cursor = encodePageCursor(1_795_132_800, 1234);
		expect(decodePageCursor(cursor)).toEqual({ nextStart: 1_795_132_800, fingerprint: 1234 });
		expect(decodePageCursor(`${cursor.slice(0, -4)}AAA=`)).toBeNull();
		expect(decodePageCursor('nope')).toBeNull();
	});

	it('formats amounts like the live API strings', () => {
		expect(formatMicrosAsDecimalString(173_915)).toBe('0.1739150000000000000000000000');
		expect(formatMicrosAsDecimalString(12_000_001)).toBe('12.0000010000000000000000000000');
	});
});

describe('deterministic helpers and clock', () => {
	it('hash32 and the PRNG are stable', () => {
		expect(hash32('a', 1)).toBe(hash32('a', 1));
		expect(hash32('a', 1)).not.toBe(hash32('a', 2));
		const a = createPrng(42);
		const b = createPrng(42);
		expect([a(), a(), a()]).toEqual([b(), b(), b()]);
	});

	it('freezes, advances and returns to real time', () => {
		const clock = new FakeClock();
		expect(Math.abs(clock.now() - Date.now())).toBeLessThan(50);
		clock.set(1000);
		clock.advance(500);
		expect(clock.now()).toBe(1500);
		expect(clock.nowSeconds()).toBe(1);
		clock.useRealTime();
		clock.advance(60_000);
		expect(clock.now() - Date.now()).toBeGreaterThan(59_000);
		expect(() => clock.set(Number.NaN)).toThrow(TypeError);
	});
});
