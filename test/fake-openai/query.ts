/**
 * Query-string parsing the way OpenAI's servers accept arrays:
 * brackets (`group_by[]=a&group_by[]=b`, what the SDKs send) and repeated keys (`group_by=a&group_by=b`).
 * Comma lists (`group_by=a,b`) stay strings here and are split by the parameter reader for array params.
 * Index forms (`group_by[0]=a`) are kept as literal keys, so they end up as unknown parameters.
 */
export type QueryValue = string | string[];
export type ParsedQuery = Record<string, QueryValue>;

export function parseQuery(search: string): ParsedQuery {
	const out: ParsedQuery = {};
	if (search === '' || search === '?') return out;
	for (const [rawKey, value] of new URLSearchParams(search)) {
		const isBracketArray = rawKey.endsWith('[]');
		const key = isBracketArray ? rawKey.slice(0, -2) : rawKey;
		const existing = Object.prototype.hasOwnProperty.call(out, key) ? out[key] : undefined;
		let next: QueryValue;
		if (existing === undefined) next = isBracketArray ? [value] : value;
		else if (Array.isArray(existing)) next = [...existing, value];
		else next = [existing, value];
		// defineProperty so that a key like "__proto__" stays an own property
		Object.defineProperty(out, key, { value: next, enumerable: true, writable: true, configurable: true });
	}
	return out;
}

/** Splits a request target into path and query string (without '?'). */
export function splitTarget(target: string): { path: string; search: string } {
	const index = target.indexOf('?');
	if (index === -1) return { path: target, search: '' };
	return { path: target.slice(0, index), search: target.slice(index + 1) };
}
