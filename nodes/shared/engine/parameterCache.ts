import type { IExecuteFunctions } from 'n8n-workflow';

/**
 * Reading parameters costs more than the request itself on fast endpoints: n8n resolves a
 * parameter anew for every item and every read (defaults, type checks, copies), and evaluates each
 * expression in its expression engine (an isolate in n8n 2.x: about a millisecond per evaluation).
 * Two shortcuts, both giving exactly what n8n would:
 * - a parameter without an expression has the same value for every item: resolved once per run;
 * - the most common expression, a plain field of the item (`={{ $json.text }}`,
 *   `={{ $json.row["a b"] }}`), is read from the item directly. Anything else — other variables,
 *   functions, templates, a missing field — goes to n8n as usual.
 * Each read gets its own copy, as from n8n.
 */
export function withParameterCache(n8n: IExecuteFunctions): IExecuteFunctions {
	const parameters = n8n.getNode().parameters;
	const cache = new Map<string, unknown>();
	const original = n8n.getNodeParameter.bind(n8n) as (...args: unknown[]) => unknown;
	let inputItems: ReturnType<IExecuteFunctions['getInputData']> | undefined;
	const itemJson = (itemIndex: number) => (inputItems ??= n8n.getInputData())[itemIndex]?.json;

	const getNodeParameter = (...args: unknown[]): unknown => {
		const [name, itemIndex, fallback, options] = args as [string, number, unknown, unknown];
		if (typeof name !== 'string') return original(...args);
		const raw = valueAt(parameters, name);
		if (!hasExpression(raw)) {
			const key = `${name}\u0000${safeKey(fallback)}\u0000${safeKey(options)}`;
			if (!cache.has(key)) cache.set(key, original(name, itemIndex, fallback, options));
			return copy(cache.get(key));
		}
		if (options === undefined && raw !== undefined) {
			const resolved = resolveFieldExpressions(raw, itemJson(itemIndex));
			if (resolved !== UNRESOLVED) return copy(resolved);
		}
		return original(...args);
	};

	const bound = new Map<PropertyKey, unknown>();
	return new Proxy(n8n, {
		get(target, property) {
			if (property === 'getNodeParameter') return getNodeParameter;
			const value: unknown = Reflect.get(target, property);
			if (typeof value !== 'function') return value;
			if (!bound.has(property)) bound.set(property, (value as (...a: unknown[]) => unknown).bind(target));
			return bound.get(property);
		},
	});
}

const UNRESOLVED = Symbol('unresolved');

/** `={{ $json.a.b }}`, `={{ $json["a b"][0] }}`: a plain path into the item, nothing else. */
const FIELD_EXPRESSION = /^=\{\{\s*\$json((?:\.[A-Za-z_$][\w$]*|\[\d+\]|\['[^'\\]*'\]|\["[^"\\]*"\])+)\s*\}\}$/;
const PATH_PART = /\.([A-Za-z_$][\w$]*)|\[(\d+)\]|\['([^'\\]*)'\]|\["([^"\\]*)"\]/g;

/** The value with every expression replaced, or UNRESOLVED when one needs n8n's engine. */
export function resolveFieldExpressions(raw: unknown, json: unknown): unknown {
	if (typeof raw === 'string') {
		if (!raw.startsWith('=')) return raw;
		const match = FIELD_EXPRESSION.exec(raw);
		if (!match) return UNRESOLVED;
		let current: unknown = json;
		for (const [, dotted, index, single, double] of match[1].matchAll(PATH_PART)) {
			if (current === null || typeof current !== 'object') return UNRESOLVED;
			const key = dotted ?? single ?? double ?? index;
			if (!Object.prototype.hasOwnProperty.call(current, key)) return UNRESOLVED;
			current = (current as Record<string, unknown>)[key];
		}
		// n8n's own conversions (e.g. of dates) are left to n8n
		return current === undefined || isPlain(current) ? current : UNRESOLVED;
	}
	if (Array.isArray(raw)) {
		const out: unknown[] = [];
		for (const entry of raw) {
			const value = resolveFieldExpressions(entry, json);
			if (value === UNRESOLVED) return UNRESOLVED;
			out.push(value);
		}
		return out;
	}
	if (raw !== null && typeof raw === 'object') {
		const out: Record<string, unknown> = {};
		for (const [key, entry] of Object.entries(raw)) {
			const value = resolveFieldExpressions(entry, json);
			if (value === UNRESOLVED) return UNRESOLVED;
			out[key] = value;
		}
		return out;
	}
	return raw;
}

function isPlain(value: unknown): boolean {
	if (value === null || ['string', 'number', 'boolean'].includes(typeof value)) return true;
	if (Array.isArray(value)) return value.every(isPlain);
	if (typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
		return Object.values(value as object).every(isPlain);
	}
	return false;
}

function valueAt(parameters: unknown, path: string): unknown {
	let current = parameters;
	for (const part of path.split('.')) {
		if (current === null || typeof current !== 'object') return undefined;
		current = (current as Record<string, unknown>)[part];
	}
	return current;
}

export function hasExpression(value: unknown): boolean {
	if (typeof value === 'string') return value.startsWith('=');
	if (Array.isArray(value)) return value.some(hasExpression);
	if (value !== null && typeof value === 'object') return Object.values(value).some(hasExpression);
	return false;
}

function safeKey(value: unknown): string {
	try {
		return JSON.stringify(value) ?? 'undefined';
	} catch {
		return String(Math.random());
	}
}

/** A deep copy; plain objects and arrays (nearly every parameter) without structuredClone's cost. */
function copy<T>(value: T): T {
	if (value === null || typeof value !== 'object') return value;
	if (Array.isArray(value)) return value.map(copy) as T;
	if (Object.getPrototypeOf(value) !== Object.prototype) return structuredClone(value);
	const out: Record<string, unknown> = {};
	for (const key of Object.keys(value)) out[key] = copy((value as Record<string, unknown>)[key]);
	return out as T;
}
