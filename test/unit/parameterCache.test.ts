import type { IExecuteFunctions, INode } from 'n8n-workflow';

import { resolveFieldExpressions, withParameterCache } from '../../nodes/shared/engine/parameterCache';

const UNRESOLVED_CHECK = (raw: unknown, json: unknown) => typeof resolveFieldExpressions(raw, json) === 'symbol';

describe('resolveFieldExpressions', () => {
	const json = { q: 'hi', n: 3, 'a b': 'spaced', list: ['x', 'y'], nested: { deep: { v: true } }, nothing: null };

	it.each([
		['={{ $json.q }}', 'hi'],
		['={{$json.n}}', 3],
		['={{ $json["a b"] }}', 'spaced'],
		["={{ $json['a b'] }}", 'spaced'],
		['={{ $json.list[1] }}', 'y'],
		['={{ $json.nested.deep.v }}', true],
		['={{ $json.nothing }}', null],
		['plain text', 'plain text'],
	])('%s → %p', (raw, expected) => {
		expect(resolveFieldExpressions(raw, json)).toEqual(expected);
	});

	it('resolves expressions inside collections', () => {
		expect(resolveFieldExpressions({ values: [{ role: 'user', content: '={{ $json.q }}' }] }, json)).toEqual({
			values: [{ role: 'user', content: 'hi' }],
		});
	});

	it.each([
		'={{ $json.q + "!" }}',
		'=Hello {{ $json.q }}',
		'={{ $json.missing }}',
		'={{ $json.nested.none.v }}',
		'={{ $json.q.length }}',
		'={{ $now }}',
		'={{ $("Other").item.json.q }}',
		'=literal',
	])('leaves %s to n8n', (raw) => {
		expect(UNRESOLVED_CHECK(raw, json)).toBe(true);
		expect(UNRESOLVED_CHECK({ a: [raw] }, json)).toBe(true);
	});
});

describe('withParameterCache', () => {
	function fakeN8n(parameters: Record<string, unknown>, items: Array<Record<string, unknown>>) {
		const calls: string[] = [];
		const n8n = {
			getNode: () => ({ parameters }) as unknown as INode,
			getInputData: () => items.map((json) => ({ json })),
			getNodeParameter: (name: string, itemIndex: number) => {
				calls.push(`${name}#${itemIndex}`);
				return `n8n:${name}:${itemIndex}`;
			},
			continueOnFail: () => false,
		} as unknown as IExecuteFunctions;
		return { n8n: withParameterCache(n8n), calls };
	}

	it('resolves a parameter without expressions once, and copies it for every read', () => {
		const { n8n, calls } = fakeN8n({ model: 'gpt-4o' }, [{}, {}, {}]);
		expect([0, 1, 2].map((i) => n8n.getNodeParameter('model', i))).toEqual(['n8n:model:0', 'n8n:model:0', 'n8n:model:0']);
		expect(calls).toEqual(['model#0']);
	});

	it('gives every read its own deep copy, so a caller that changes one changes no other read', () => {
		const stored = { options: { stop: ['a'], nested: { n: 1 } }, when: new Date(0) };
		const n8n = withParameterCache({
			getNode: () => ({ parameters: { options: {} } }) as unknown as INode,
			getInputData: () => [{ json: {} }, { json: {} }],
			getNodeParameter: () => stored,
		} as unknown as IExecuteFunctions);
		const first = n8n.getNodeParameter('options', 0) as typeof stored;
		first.options.stop.push('b');
		first.options.nested.n = 2;
		const second = n8n.getNodeParameter('options', 1) as typeof stored;
		expect(second).toEqual({ options: { stop: ['a'], nested: { n: 1 } }, when: new Date(0) });
		expect(Object.prototype.toString.call(second.when)).toBe('[object Date]');
		expect(second.when).not.toBe(stored.when);
		expect(stored.options.stop).toEqual(['a']);
	});

	it('reads plain field expressions from the item, and asks n8n for anything else', () => {
		const { n8n, calls } = fakeN8n({ text: '={{ $json.t }}', other: '={{ $json.t.toUpperCase() }}' }, [{ t: 'a' }, { t: 'b' }]);
		expect(n8n.getNodeParameter('text', 1)).toBe('b');
		expect(n8n.getNodeParameter('other', 1)).toBe('n8n:other:1');
		expect(calls).toEqual(['other#1']);
	});

	it('passes other functions through, bound to n8n', () => {
		const { n8n } = fakeN8n({}, [{ a: 1 }]);
		expect(n8n.continueOnFail()).toBe(false);
		expect(n8n.getInputData()[0].json).toEqual({ a: 1 });
	});
});
