import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { inputError } from './errors';
import { isPlainObject, readJsonParameter } from './json';

export type ResponseFormat =
	| { type: 'text' }
	| { type: 'json_object' }
	| { type: 'json_schema'; name: string; schema: Record<string, unknown>; strict: boolean };

const EXAMPLE_SCHEMA = `{
  "type": "object",
  "properties": {
    "summary": { "type": "string" },
    "sentiment": { "type": "string", "enum": ["positive", "neutral", "negative"] }
  },
  "required": ["summary", "sentiment"],
  "additionalProperties": false
}`;

const SCHEMA_NAME = /^[a-zA-Z0-9_-]{1,64}$/;

/** Text / JSON object / JSON schema (structured outputs), shared by Chat and Response. */
export function responseFormatProperties(): INodeProperties[] {
	const whenSchema = { show: { responseFormat: ['json_schema'] } };
	return [
		{
			displayName: 'Response Format',
			name: 'responseFormat',
			type: 'options',
			options: [
				{
					name: 'JSON Object',
					value: 'json_object',
					description: 'Any valid JSON object (mention JSON in your messages), parsed into "parsed"',
				},
				{
					name: 'JSON Schema',
					value: 'json_schema',
					description: 'JSON that follows your schema (structured outputs), parsed into "parsed"',
				},
				{ name: 'Text', value: 'text', description: 'Plain text' },
			],
			default: 'text',
			description: 'What the model answers with',
		},
		{
			displayName: 'Schema Name',
			name: 'jsonSchemaName',
			type: 'string',
			default: 'response',
			description: 'A name for the schema: letters, digits, _ and -, up to 64 characters',
			displayOptions: whenSchema,
		},
		{
			displayName: 'JSON Schema',
			name: 'jsonSchema',
			type: 'json',
			typeOptions: { rows: 8 },
			default: EXAMPLE_SCHEMA,
			description:
				'The JSON Schema of the answer; the top level must be an object schema. With Strict on, every property must be listed in "required" and "additionalProperties" must be false.',
			displayOptions: whenSchema,
		},
		{
			displayName: 'Strict',
			name: 'jsonSchemaStrict',
			type: 'boolean',
			default: true,
			description: 'Whether the model must follow the schema exactly (structured outputs)',
			displayOptions: whenSchema,
		},
	];
}

export function readResponseFormat(n8n: IExecuteFunctions, itemIndex: number): ResponseFormat {
	const type = n8n.getNodeParameter('responseFormat', itemIndex, 'text') as string;
	if (type === 'json_object') return { type };
	if (type !== 'json_schema') return { type: 'text' };

	const name = String(n8n.getNodeParameter('jsonSchemaName', itemIndex, 'response') ?? '').trim();
	if (!SCHEMA_NAME.test(name)) {
		throw inputError(
			n8n,
			itemIndex,
			`The "Schema Name" parameter must be 1–64 letters, digits, _ or -, not "${name}"`,
			'Enter a short name such as "ticket_summary".',
		);
	}
	const schema = toObjectSchema(n8n, itemIndex, readJsonParameter(n8n, itemIndex, 'jsonSchema', 'JSON Schema'));
	const strict = n8n.getNodeParameter('jsonSchemaStrict', itemIndex, true) as boolean;
	return { type, name, schema, strict: strict !== false };
}

/**
 * The schema as OpenAI needs it: an object schema at the top. A pasted wrapper
 * (`{"name": …, "schema": {…}}`, as OpenAI's playground exports it) is unwrapped.
 */
export function toObjectSchema(
	n8n: IExecuteFunctions,
	itemIndex: number,
	value: unknown,
): Record<string, unknown> {
	const fix =
		'Write an object schema at the top level, e.g. {"type": "object", "properties": {"answer": {"type": "string"}}, "required": ["answer"], "additionalProperties": false}.';
	if (value === undefined) {
		throw inputError(n8n, itemIndex, 'The "JSON Schema" parameter is empty', fix);
	}
	let schema = value;
	if (isPlainObject(schema) && schema.type === undefined && isPlainObject(schema.schema)) {
		schema = schema.schema;
	}
	if (!isPlainObject(schema)) {
		throw inputError(
			n8n,
			itemIndex,
			`The "JSON Schema" parameter is not an object schema: it is ${Array.isArray(schema) ? 'an array' : typeof schema}`,
			fix,
		);
	}
	if (schema.type !== 'object') {
		const found = schema.type === undefined ? 'has no "type"' : `has "type": ${JSON.stringify(schema.type)}`;
		throw inputError(
			n8n,
			itemIndex,
			`The "JSON Schema" parameter is not an object schema: its top level ${found}`,
			`OpenAI needs "type": "object" at the top of the schema; wrap other types in a property. ${fix}`,
		);
	}
	return schema;
}
