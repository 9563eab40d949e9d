import {
	integerAboveMax,
	integerBelowMin,
	invalidEnumValue,
	invalidType,
	missingParameter,
	unknownParameter,
} from './errors';
import type { ParsedQuery, QueryValue } from './query';

/**
 * Declarative query-parameter reading with OpenAI-style 400s.
 * Unknown parameters are rejected (naming the parameter), like the real API does for usage/costs.
 */
export type ParamSpec = IntegerParam | StringParam | BooleanParam | ArrayParam;

export interface IntegerParam {
	type: 'integer';
	required?: boolean;
	min?: number;
	max?: number;
	default?: number;
}

export interface StringParam {
	type: 'string';
	required?: boolean;
	enum?: readonly string[];
	default?: string;
}

export interface BooleanParam {
	type: 'boolean';
	required?: boolean;
	default?: boolean;
}

/** Always read as an array (empty when absent). Accepts brackets, repeated keys and comma lists. */
export interface ArrayParam {
	type: 'array';
	enum?: readonly string[];
}

type ValueOf<S extends ParamSpec> = S extends IntegerParam
	? number
	: S extends StringParam
		? string
		: S extends BooleanParam
			? boolean
			: string[];

export type ParamValues<T extends Record<string, ParamSpec>> = {
	[K in keyof T]: T[K] extends ArrayParam
		? string[]
		: T[K] extends { required: true } | { default: number | string | boolean }
			? ValueOf<T[K]>
			: ValueOf<T[K]> | undefined;
};

export function readQueryParams<T extends Record<string, ParamSpec>>(query: ParsedQuery, spec: T): ParamValues<T> {
	for (const key of Object.keys(query)) {
		if (!Object.prototype.hasOwnProperty.call(spec, key)) throw unknownParameter(key);
	}
	const out: Record<string, unknown> = {};
	for (const [name, param] of Object.entries(spec)) {
		const raw = Object.prototype.hasOwnProperty.call(query, name) ? query[name] : undefined;
		out[name] = readOne(name, param, raw);
	}
	return out as ParamValues<T>;
}

function readOne(name: string, param: ParamSpec, raw: QueryValue | undefined): unknown {
	if (param.type === 'array') return readArray(name, param, raw);
	if (raw === undefined) {
		if (param.required) throw missingParameter(name);
		return param.default;
	}
	const expected = param.type === 'integer' ? 'an integer' : param.type === 'boolean' ? 'a boolean' : 'a string';
	if (Array.isArray(raw)) throw invalidType(name, expected, 'an array');
	switch (param.type) {
		case 'integer':
			return readInteger(name, param, raw);
		case 'boolean':
			if (raw === 'true') return true;
			if (raw === 'false') return false;
			throw invalidType(name, expected, 'a string');
		case 'string':
			if (param.enum && !param.enum.includes(raw)) throw invalidEnumValue(name, raw, param.enum);
			return raw;
	}
}

function readInteger(name: string, param: IntegerParam, raw: string): number {
	if (!/^-?\d+$/.test(raw)) {
		throw invalidType(name, 'an integer', /^-?\d*\.\d+$/.test(raw) ? 'a decimal number' : 'a string');
	}
	const value = Number(raw);
	if (!Number.isSafeInteger(value)) throw invalidType(name, 'an integer', 'a number out of range');
	if (param.min !== undefined && value < param.min) throw integerBelowMin(name, param.min, value);
	if (param.max !== undefined && value > param.max) throw integerAboveMax(name, param.max, value);
	return value;
}

function readArray(name: string, param: ArrayParam, raw: QueryValue | undefined): string[] {
	if (raw === undefined) return [];
	const values = (Array.isArray(raw) ? raw : [raw])
		.flatMap((value) => value.split(','))
		.map((value) => value.trim())
		.filter((value) => value !== '');
	if (param.enum) {
		for (const value of values) {
			if (!param.enum.includes(value)) throw invalidEnumValue(name, value, param.enum);
		}
	}
	return [...new Set(values)];
}
