import type { AnswerFacts } from './transport/unexpectedResponse';
import { UnexpectedResponseError } from './transport/unexpectedResponse';

/**
 * Checking that a server's answer has what an operation needs before it is used: a tiny
 * declarative checker (the runtime may depend on nothing but the openai SDK, so no JSON Schema
 * library here; ajv checks the fake API against OpenAI's spec in the tests). A shape returns the
 * first problem it finds, with the path to it, or undefined.
 *
 *   const moderation = shape.object({ results: shape.array(shape.object({ flagged: shape.boolean }), { min: 1 }) });
 *   await checkedCall(client.moderations.create(request), moderation, 'a moderation result');
 */
export type Shape = (value: unknown, path: string) => string | undefined;

/** What a value is, in words, for "expected X, got Y". */
export function kindOf(value: unknown): string {
	if (value === undefined) return 'nothing';
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'an array';
	if (typeof value === 'string') return value === '' ? 'an empty text' : 'text';
	if (typeof value === 'object') return 'an object';
	return `a ${typeof value}`;
}

function at(path: string, name: string | number): string {
	if (typeof name === 'number') return `${path}[${name}]`;
	return path ? `${path}.${name}` : name;
}

function expected(what: string, value: unknown, path: string): string {
	return `${path ? `\`${path}\`` : 'the answer'} should be ${what}, but is ${kindOf(value)}`;
}

const primitive =
	(type: 'string' | 'number' | 'boolean', what: string): Shape =>
	(value, path) =>
		typeof value === type && (type !== 'number' || Number.isFinite(value)) ? undefined : expected(what, value, path);

export const shape = {
	string: primitive('string', 'text'),
	number: primitive('number', 'a number'),
	boolean: primitive('boolean', 'true or false'),
	/** Anything but undefined. */
	present: ((value, path) => (value === undefined ? expected('present', value, path) : undefined)) as Shape,
	/** Text that is not empty. */
	nonEmptyString: ((value, path) =>
		typeof value === 'string' && value !== '' ? undefined : expected('a non-empty text', value, path)) as Shape,
	/** An object with (at least) these fields; other fields are allowed. */
	object(fields: Record<string, Shape> = {}): Shape {
		return (value, path) => {
			if (typeof value !== 'object' || value === null || Array.isArray(value)) return expected('an object', value, path);
			for (const [name, field] of Object.entries(fields)) {
				const problem = field((value as Record<string, unknown>)[name], at(path, name));
				if (problem) return problem;
			}
			return undefined;
		};
	},
	/** An array whose entries all have `item` (when given), with at least `min` / exactly `length` entries. */
	array(item?: Shape, limits: { min?: number; length?: number } = {}): Shape {
		return (value, path) => {
			if (!Array.isArray(value)) return expected('a list', value, path);
			if (limits.length !== undefined && value.length !== limits.length) {
				return `${path ? `\`${path}\`` : 'the answer'} should have ${limits.length} entr${limits.length === 1 ? 'y' : 'ies'}, but has ${value.length}`;
			}
			if (limits.min !== undefined && value.length < limits.min) {
				return `${path ? `\`${path}\`` : 'the answer'} should have at least ${limits.min} entr${limits.min === 1 ? 'y' : 'ies'}, but has ${value.length}`;
			}
			if (!item) return undefined;
			for (let index = 0; index < value.length; index++) {
				const problem = item(value[index], at(path, index));
				if (problem) return problem;
			}
			return undefined;
		};
	},
	/** An object whose every value has `entry`. */
	record(entry: Shape): Shape {
		return (value, path) => {
			if (typeof value !== 'object' || value === null || Array.isArray(value)) return expected('an object', value, path);
			for (const [name, field] of Object.entries(value)) {
				const problem = entry(field, at(path, name));
				if (problem) return problem;
			}
			return undefined;
		};
	},
	optional(inner: Shape): Shape {
		return (value, path) => (value === undefined ? undefined : inner(value, path));
	},
	nullable(inner: Shape): Shape {
		return (value, path) => (value === null || value === undefined ? undefined : inner(value, path));
	},
	/** The first alternative that fits; otherwise the problem of the first one. */
	oneOf(...alternatives: Shape[]): Shape {
		return (value, path) => {
			let first: string | undefined;
			for (const alternative of alternatives) {
				const problem = alternative(value, path);
				if (!problem) return undefined;
				first ??= problem;
			}
			return first;
		};
	},
	/** A custom rule: `test` returns a problem text or undefined. */
	rule(test: (value: unknown, path: string) => string | undefined): Shape {
		return test;
	},
};

/** Throws an UnexpectedResponseError when `value` does not have `wanted`. */
export function checkShape<T>(value: T, wanted: Shape, expectedWhat: string, facts: AnswerFacts = {}): T {
	const problem = wanted(value, '');
	if (problem) throw new UnexpectedResponseError(expectedWhat, problem, { ...facts, body: facts.body ?? value });
	return value;
}

/** The part of the SDK's APIPromise this needs. */
interface WithResponse<T> {
	withResponse(): Promise<{ data: T; response: Response }>;
}

/**
 * Awaits an SDK call and checks its answer's shape; a failure names the HTTP status and content
 * type of the answer. `expectedWhat` reads after "The server's answer is not …".
 */
export async function checkedCall<T>(call: WithResponse<T>, wanted: Shape, expectedWhat: string): Promise<T> {
	const { data, response } = await call.withResponse();
	return checkShape(data, wanted, expectedWhat, factsOf(response, data));
}

export function factsOf(response: Response | undefined, body: unknown): AnswerFacts {
	if (!response) return { body };
	return { status: response.status, contentType: response.headers.get('content-type'), body };
}
