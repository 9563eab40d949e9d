import type { IExecuteFunctions } from 'n8n-workflow';

/**
 * n8n resolves a parameter anew for every item and every read (defaults, type checks, copies),
 * which costs more than the request itself on fast endpoints. A parameter without an expression
 * has the same value for every item, so it is resolved once per execution; parameters with an
 * expression (anything in them starting with "=") are still resolved per item by n8n.
 * Each read gets its own copy, as from n8n.
 */
export function withParameterCache(n8n: IExecuteFunctions): IExecuteFunctions {
	const parameters = n8n.getNode().parameters;
	const cache = new Map<string, unknown>();
	const original = n8n.getNodeParameter.bind(n8n) as (...args: unknown[]) => unknown;

	const getNodeParameter = (...args: unknown[]): unknown => {
		const [name, itemIndex, fallback, options] = args as [string, number, unknown, unknown];
		if (typeof name !== 'string' || hasExpression(valueAt(parameters, name))) {
			return original(...args);
		}
		const key = `${name}\u0000${safeKey(fallback)}\u0000${safeKey(options)}`;
		if (!cache.has(key)) cache.set(key, original(name, itemIndex, fallback, options));
		return copy(cache.get(key));
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

function copy<T>(value: T): T {
	return value !== null && typeof value === 'object' ? structuredClone(value) : value;
}
