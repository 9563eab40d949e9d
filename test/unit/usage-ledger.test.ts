import type { UsageBucket } from '../../nodes/usage/collect';
import { canonicalDecimal, subtractDecimals, sumDecimals } from '../../nodes/usage/decimal';
import { ENDPOINTS } from '../../nodes/usage/endpoints';
import { ledgerRowCount, pruneLedger, reconcile, rowKey, valueHash, type Ledger } from '../../nodes/usage/ledger';

const completions = ENDPOINTS.completions;
const costs = ENDPOINTS.costs;
const T = 1_795_132_800;

function result(fields: Record<string, unknown>): Record<string, unknown> {
	return { object: completions.resultObject, input_tokens: 0, output_tokens: 0, num_model_requests: 0, project_id: null, model: null, ...fields };
}

function bucket(start: number, results: Array<Record<string, unknown>>): UsageBucket {
	return { object: 'bucket', start_time: start, end_time: start + 3_600, results };
}

describe('decimal amounts', () => {
	it('canonicalises numbers and 28-decimal strings alike', () => {
		expect(canonicalDecimal(0.06)).toBe('0.06');
		expect(canonicalDecimal('0.0600000000000000000000000000')).toBe('0.06');
		expect(canonicalDecimal('0.1739150000000000000000000000')).toBe('0.173915');
		expect(canonicalDecimal(1e-7)).toBe('0.0000001');
		expect(canonicalDecimal('1.5e3')).toBe('1500');
		expect(canonicalDecimal(-0)).toBe('0');
		expect(canonicalDecimal('abc')).toBeNull();
		expect(canonicalDecimal(null)).toBeNull();
	});

	it('subtracts and sums exactly (no 0.30000000000000004)', () => {
		expect(subtractDecimals('0.3', 0.1)).toBe('0.2');
		expect(subtractDecimals(0.1, '0.3000000000000000000000000000')).toBe('-0.2');
		expect(sumDecimals([0.1, '0.2', null])).toBe('0.3');
	});
});

describe('reconcile', () => {
	it('emits a row once, again only when its values change, with the delta', () => {
		const first = reconcile({}, completions, '1h', [bucket(T, [result({ model: 'gpt-4o', input_tokens: 100, num_model_requests: 2 })])]);
		expect(first.changes).toHaveLength(1);
		expect(first.changes[0]).toMatchObject({ changeType: 'new', revision: 0 });

		const same = reconcile(first.ledger, completions, '1h', [bucket(T, [result({ model: 'gpt-4o', input_tokens: 100, num_model_requests: 2 })])]);
		expect(same.changes).toEqual([]);
		expect(same.ledger).toEqual(first.ledger);

		const grown = reconcile(same.ledger, completions, '1h', [bucket(T, [result({ model: 'gpt-4o', input_tokens: 130, num_model_requests: 3, input_cache_write_12h_tokens: 5 })])]);
		expect(grown.changes).toHaveLength(1);
		expect(grown.changes[0]).toMatchObject({ changeType: 'revision', revision: 1 });
		expect(grown.changes[0].delta).toMatchObject({ input_tokens: 30, num_model_requests: 1, output_tokens: 0, input_cache_write_12h_tokens: 5 });
	});

	it('does not modify the ledger it is given (a poll commits only what it emits)', () => {
		const ledger: Ledger = {};
		const snapshot = JSON.stringify(ledger);
		reconcile(ledger, completions, '1h', [bucket(T, [result({ input_tokens: 1 })])]);
		expect(JSON.stringify(ledger)).toBe(snapshot);
	});

	it('keys rows by their dimension values; a row gone from a re-read bucket is a revision to zero', () => {
		const a = result({ project_id: 'proj_a', model: 'gpt-4o', input_tokens: 10 });
		const b = result({ project_id: 'proj_b', model: 'gpt-4o', input_tokens: 20 });
		const first = reconcile({}, completions, '1h', [bucket(T, [a, b])]);
		expect(first.changes.map((c) => rowKey(completions, '1h', T, c.result))).toEqual([
			`completions|1h|${T}|proj_a|||gpt-4o||`,
			`completions|1h|${T}|proj_b|||gpt-4o||`,
		]);
		const second = reconcile(first.ledger, completions, '1h', [bucket(T, [a])]);
		expect(second.changes).toHaveLength(1);
		expect(second.changes[0]).toMatchObject({ changeType: 'revision', removed: true, revision: 1, delta: { input_tokens: -20 } });
		expect(second.changes[0].result).toMatchObject({ project_id: 'proj_b', model: 'gpt-4o', input_tokens: 0 });
		expect(ledgerRowCount(second.ledger)).toBe(1);
	});

	it('treats batch "true"/true alike, and costs amounts as exact decimals', () => {
		const first = reconcile({}, completions, '1h', [bucket(T, [result({ batch: true, input_tokens: 1 })])]);
		expect(reconcile(first.ledger, completions, '1h', [bucket(T, [result({ batch: 'true', input_tokens: 1 })])]).changes).toEqual([]);

		const cost = (value: unknown) => ({ object: costs.resultObject, amount: { value, currency: 'usd' }, project_id: 'proj_a', line_item: null, api_key_id: null, quantity: null });
		const day = (value: unknown): UsageBucket => ({ start_time: T, end_time: T + 86_400, results: [cost(value)] });
		const emitted = reconcile({}, costs, '1d', [day('0.1000000000000000000000000000')]);
		expect(reconcile(emitted.ledger, costs, '1d', [day(0.1)]).changes).toEqual([]);
		const revised = reconcile(emitted.ledger, costs, '1d', [day('0.3000000000000000000000000000')]);
		expect(revised.changes[0].delta).toEqual({ amount: '0.2', quantity: null });
	});

	it('forgets buckets before the settled point (bounded state)', () => {
		const buckets = [0, 1, 2, 3].map((i) => bucket(T + i * 3_600, [result({ input_tokens: i + 1 })]));
		const { ledger } = reconcile({}, completions, '1h', buckets);
		expect(Object.keys(pruneLedger(ledger, T + 2 * 3_600))).toEqual([String(T + 2 * 3_600), String(T + 3 * 3_600)]);
		expect(valueHash({ v: [1, 2] })).not.toBe(valueHash({ v: [1, 3] }));
	});
});
