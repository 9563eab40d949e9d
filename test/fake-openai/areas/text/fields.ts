import { integerAboveMax, integerBelowMin, invalidEnumValue, invalidJsonBody, invalidType, missingParameter, unknownParameter } from '../../errors';
import { arrayTooLong, decimalOutOfRange, emptyArray, emptyString, unrecognizedArgument } from './requestErrors';

/**
 * Reading JSON request bodies field by field with the live API's 400s:
 * "Invalid type for 'n': expected an integer, but got a string instead.", ranges, enums, lengths.
 * `null` counts as "not given" for every optional field (the spec marks them nullable).
 */
export type JsonObject = Record<string, unknown>;

export interface Range {
	min?: number;
	max?: number;
}

/** The body as an object; an absent body reads as `{}` (the first missing field names itself). */
export function bodyObject(body: unknown): JsonObject {
	if (body === undefined) return {};
	if (!isObject(body)) throw invalidJsonBody();
	return body;
}

export function isObject(value: unknown): value is JsonObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** 'a string', 'an integer', 'a decimal', 'a boolean', 'an array', 'an object', 'null' */
export function describeType(value: unknown): string {
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'an array';
	switch (typeof value) {
		case 'string':
			return 'a string';
		case 'number':
			return Number.isInteger(value) ? 'an integer' : 'a decimal';
		case 'boolean':
			return 'a boolean';
		case 'object':
			return 'an object';
		default:
			return typeof value;
	}
}

/**
 * Rejects top-level fields the endpoint does not know. Chat Completions and Completions say
 * "Unrecognized request argument supplied: x"; the newer endpoints "Unknown parameter: 'x'.".
 */
export function rejectUnknownFields(body: JsonObject, known: ReadonlySet<string>, style: 'legacy' | 'modern'): void {
	for (const name of Object.keys(body)) {
		if (!known.has(name)) throw style === 'legacy' ? unrecognizedArgument(name) : unknownParameter(name);
	}
}

/** The field, or undefined when absent or null. */
export function optional(body: JsonObject, name: string): unknown {
	const value = body[name];
	return value === null ? undefined : value;
}

export function required(body: JsonObject, name: string): unknown {
	const value = optional(body, name);
	if (value === undefined) throw missingParameter(name);
	return value;
}

export function asString(value: unknown, param: string, options: { nonEmpty?: boolean } = {}): string {
	if (typeof value !== 'string') throw invalidType(param, 'a string', describeType(value));
	if (options.nonEmpty && value === '') throw emptyString(param);
	return value;
}

export function asBoolean(value: unknown, param: string): boolean {
	if (typeof value !== 'boolean') throw invalidType(param, 'a boolean', describeType(value));
	return value;
}

export function asObject(value: unknown, param: string): JsonObject {
	if (!isObject(value)) throw invalidType(param, 'an object', describeType(value));
	return value;
}

export interface ArrayLength {
	nonEmpty?: boolean;
	max?: number;
}

export function asArray(value: unknown, param: string, length: ArrayLength = {}): unknown[] {
	if (!Array.isArray(value)) throw invalidType(param, 'an array', describeType(value));
	if (length.nonEmpty && value.length === 0) throw emptyArray(param);
	if (length.max !== undefined && value.length > length.max) throw arrayTooLong(param, length.max, value.length);
	return value;
}

export function asDecimal(value: unknown, param: string, range: Range = {}): number {
	if (typeof value !== 'number' || !Number.isFinite(value)) throw invalidType(param, 'a decimal', describeType(value));
	if (range.min !== undefined && value < range.min) throw decimalOutOfRange(param, 'min', range.min, value);
	if (range.max !== undefined && value > range.max) throw decimalOutOfRange(param, 'max', range.max, value);
	return value;
}

export function asInteger(value: unknown, param: string, range: Range = {}): number {
	if (typeof value !== 'number' || !Number.isInteger(value)) throw invalidType(param, 'an integer', describeType(value));
	if (range.min !== undefined && value < range.min) throw integerBelowMin(param, range.min, value);
	if (range.max !== undefined && value > range.max) throw integerAboveMax(param, range.max, value);
	return value;
}

export function asEnum<T extends string>(value: unknown, param: string, values: readonly T[]): T {
	const text = asString(value, param);
	if (!(values as readonly string[]).includes(text)) throw invalidEnumValue(param, text, values);
	return text as T;
}

/** Optional readers: undefined when the field is absent or null. */
export const read = {
	string: (body: JsonObject, name: string, options?: { nonEmpty?: boolean }) =>
		ifPresent(body, name, (value) => asString(value, name, options)),
	boolean: (body: JsonObject, name: string) => ifPresent(body, name, (value) => asBoolean(value, name)),
	decimal: (body: JsonObject, name: string, range?: Range) => ifPresent(body, name, (value) => asDecimal(value, name, range)),
	integer: (body: JsonObject, name: string, range?: Range) => ifPresent(body, name, (value) => asInteger(value, name, range)),
	enum: <T extends string>(body: JsonObject, name: string, values: readonly T[]) =>
		ifPresent(body, name, (value) => asEnum(value, name, values)),
	object: (body: JsonObject, name: string) => ifPresent(body, name, (value) => asObject(value, name)),
	array: (body: JsonObject, name: string, length?: ArrayLength) => ifPresent(body, name, (value) => asArray(value, name, length)),
};

function ifPresent<T>(body: JsonObject, name: string, convert: (value: unknown) => T): T | undefined {
	const value = optional(body, name);
	return value === undefined ? undefined : convert(value);
}
