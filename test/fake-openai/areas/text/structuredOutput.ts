import { invalidEnumValue, missingParameter } from '../../errors';
import { asBoolean, asObject, asString, type JsonObject } from './fields';
import { snippetOf } from './generate';
import { findSchemaProblem, generateInstance } from './jsonSchema';
import { badRequest } from './requestErrors';

/**
 * Structured outputs: `response_format` (Chat Completions) and `text.format` (Responses).
 * - text: the echo reply
 * - json_object: `{"echo": "<snippet>", "ref": "<tag>"}` (the prompt must mention "json", as live)
 * - json_schema: a deterministic instance of the schema (see jsonSchema.ts), as a JSON string
 */
export type OutputFormat =
	| { type: 'text' }
	| { type: 'json_object' }
	| { type: 'json_schema'; name: string; schema: JsonObject | null; strict: boolean | null; description?: string };

const FORMAT_TYPES = ['text', 'json_schema', 'json_object'] as const;
const NAME_PATTERN = /^[a-zA-Z0-9_-]{1,64}$/;

/** Chat Completions: { type, json_schema: { name, schema, strict, description } } */
export function readResponseFormat(value: unknown): OutputFormat {
	if (value === undefined || value === null) return { type: 'text' };
	const format = asObject(value, 'response_format');
	const type = readType(format, 'response_format');
	if (type !== 'json_schema') return { type };
	if (format.json_schema === undefined || format.json_schema === null) throw missingParameter('response_format.json_schema');
	const spec = asObject(format.json_schema, 'response_format.json_schema');
	return readSchemaFormat(spec, 'response_format.json_schema', (problem, name) =>
		badRequest(`Invalid schema for response_format '${name}': ${problem}`, 'response_format'),
	);
}

/** Responses: text.format = { type, name, schema, strict, description } */
export function readTextFormat(value: unknown): OutputFormat {
	if (value === undefined || value === null) return { type: 'text' };
	const format = asObject(value, 'text.format');
	const type = readType(format, 'text.format');
	if (type !== 'json_schema') return { type };
	if (format.schema === undefined || format.schema === null) throw missingParameter('text.format.schema');
	return readSchemaFormat(format, 'text.format', (problem, name) =>
		badRequest(`Invalid schema for response_format '${name}': ${problem}`, 'text.format.schema', 'invalid_json_schema'),
	);
}

function readType(format: JsonObject, prefix: string): (typeof FORMAT_TYPES)[number] {
	if (format.type === undefined || format.type === null) throw missingParameter(`${prefix}.type`);
	const type = asString(format.type, `${prefix}.type`);
	if (!(FORMAT_TYPES as readonly string[]).includes(type)) throw invalidEnumValue(`${prefix}.type`, type, FORMAT_TYPES);
	return type as (typeof FORMAT_TYPES)[number];
}

function readSchemaFormat(
	spec: JsonObject,
	prefix: string,
	schemaError: (problem: string, name: string) => Error,
): OutputFormat {
	if (spec.name === undefined || spec.name === null) throw missingParameter(`${prefix}.name`);
	const name = asString(spec.name, `${prefix}.name`);
	if (!NAME_PATTERN.test(name)) {
		throw badRequest(
			`Invalid '${prefix}.name': string does not match pattern. Expected a string that matches the pattern '^[a-zA-Z0-9_-]+$'.`,
			`${prefix}.name`,
			'invalid_value',
		);
	}
	const strict = spec.strict === undefined || spec.strict === null ? null : asBoolean(spec.strict, `${prefix}.strict`);
	let schema: JsonObject | null = null;
	if (spec.schema !== undefined && spec.schema !== null) {
		schema = asObject(spec.schema, `${prefix}.schema`);
		const problem = findSchemaProblem(schema, strict === true);
		if (problem) throw schemaError(problem, name);
	}
	const description = typeof spec.description === 'string' ? spec.description : undefined;
	return { type: 'json_schema', name, schema, strict, ...(description !== undefined ? { description } : {}) };
}

/** Whether a json_object request mentions JSON somewhere in its messages (the live API requires it). */
export function mentionsJson(texts: readonly string[]): boolean {
	return texts.some((text) => /json/i.test(text));
}

/** The model's raw output text for a format (before stop sequences and token limits). */
export function renderOutput(format: OutputFormat, echo: string, lastText: string, tag: string, seed: number): string {
	switch (format.type) {
		case 'json_object':
			return JSON.stringify({ echo: snippetOf(lastText), ref: tag });
		case 'json_schema':
			return JSON.stringify(generateInstance(format.schema ?? { type: 'object', properties: {} }, seed));
		default:
			return echo;
	}
}
