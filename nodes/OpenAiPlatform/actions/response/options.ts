import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { ResponseCreateParamsNonStreaming } from 'openai/resources/responses/responses';

import { inputError } from '../shared/errors';
import { metadataText } from '../shared/metadata';
import { REASONING_EFFORTS, readSampling, reasoningEffortOption, temperatureOption, topPOption } from '../shared/sampling';
import { numberInRange, oneOf } from '../shared/values';
import type { ReasoningEffort } from '../shared/sampling';

type ResponseRequestOptions = Omit<ResponseCreateParamsNonStreaming, 'model' | 'input'>;

export const MAX_METADATA_KEYS = 16;
const MAX_KEY_LENGTH = 64;
const MAX_VALUE_LENGTH = 512;

export const responseOptionsProperty: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [
		{
			displayName: 'Max Output Tokens',
			name: 'maxOutputTokens',
			type: 'number',
			typeOptions: { minValue: 16 },
			default: 1024,
			description:
				'The most tokens the answer may use, reasoning tokens included (at least 16). A longer answer ends with status "incomplete".',
		},
		{
			displayName: 'Metadata',
			name: 'metadata',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true },
			placeholder: 'Add Metadata',
			default: {},
			description: 'Up to 16 key/value pairs stored with the response, for your own filtering and reports',
			options: [
				{
					displayName: 'Entry',
					name: 'values',
					values: [
						{
							displayName: 'Key',
							name: 'key',
							type: 'string',
							default: '',
							description: 'Up to 64 characters',
						},
						{
							displayName: 'Value',
							name: 'value',
							type: 'string',
							default: '',
							description: 'Up to 512 characters',
						},
					],
				},
			],
		},
		{
			displayName: 'Previous Response ID',
			name: 'previousResponseId',
			type: 'string',
			default: '',
			placeholder: 'e.g. resp_67ccd2bed1ec8190b14f964abc054267',
			description:
				'Continue a conversation: the ID of an earlier stored response whose input and output the model sees first',
		},
		reasoningEffortOption,
		{
			displayName: 'Reasoning Summary',
			name: 'reasoningSummary',
			type: 'options',
			options: [
				{ name: 'Auto', value: 'auto', description: 'The most detailed summary the model offers' },
				{ name: 'Concise', value: 'concise' },
				{ name: 'Detailed', value: 'detailed' },
			],
			default: 'auto',
			description: 'Reasoning models: return a summary of their reasoning (under "reasoning_summary")',
		},
		{
			displayName: 'Store',
			name: 'store',
			type: 'boolean',
			default: true,
			description:
				'Whether OpenAI keeps the response (30 days) so it can be fetched with Get or continued with Previous Response ID',
		},
		temperatureOption,
		topPOption,
	],
};

/** The Options collection of one item as request fields; only options the user added are sent. */
export function readResponseOptions(n8n: IExecuteFunctions, itemIndex: number): ResponseRequestOptions {
	const options = n8n.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const body: ResponseRequestOptions = {};
	const range = (name: string, displayName: string, min: number, max: number, integer = false) =>
		numberInRange(n8n, itemIndex, options[name], displayName, { min, max, integer });

	const maxOutputTokens = range('maxOutputTokens', 'Max Output Tokens', 16, Number.MAX_SAFE_INTEGER, true);
	if (maxOutputTokens !== undefined) body.max_output_tokens = maxOutputTokens;
	Object.assign(body, readSampling(range));

	const previous = typeof options.previousResponseId === 'string' ? options.previousResponseId.trim() : '';
	if (previous) body.previous_response_id = previous;
	if (options.store !== undefined) body.store = options.store !== false;

	const effort = oneOf(n8n, itemIndex, options.reasoningEffort, 'Reasoning Effort', REASONING_EFFORTS);
	const summary = oneOf(n8n, itemIndex, options.reasoningSummary, 'Reasoning Summary', ['auto', 'concise', 'detailed']);
	if (effort || summary) {
		body.reasoning = {
			...(effort ? { effort: effort as ReasoningEffort } : {}),
			...(summary ? { summary: summary as 'auto' | 'concise' | 'detailed' } : {}),
		};
	}

	const metadata = readMetadata(n8n, itemIndex, options.metadata);
	if (metadata) body.metadata = metadata;
	return body;
}

function readMetadata(n8n: IExecuteFunctions, itemIndex: number, value: unknown): Record<string, string> | undefined {
	const entries = ((value as { values?: Array<{ key?: unknown; value?: unknown }> } | undefined)?.values ?? []).filter(
		(entry) => entry !== null && typeof entry === 'object',
	);
	if (entries.length === 0) return undefined;
	const fail = (message: string, fix: string) => inputError(n8n, itemIndex, message, fix);
	if (entries.length > MAX_METADATA_KEYS) {
		throw fail(
			`The "Metadata" option has ${entries.length} entries; OpenAI accepts at most ${MAX_METADATA_KEYS}`,
			`Keep up to ${MAX_METADATA_KEYS} key/value pairs, e.g. by combining values into one.`,
		);
	}
	const metadata: Record<string, string> = {};
	for (const [index, entry] of entries.entries()) {
		const key = metadataText(n8n, itemIndex, entry.key, { part: 'key', entry: index }).trim();
		const text = metadataText(n8n, itemIndex, entry.value, { part: 'value', key, entry: index });
		if (!key) throw fail(`Entry ${index + 1} of the "Metadata" option has no key`, 'Enter a key or remove the entry.');
		if (key.length > MAX_KEY_LENGTH) {
			throw fail(
				`The "Metadata" key "${key.slice(0, 20)}…" is longer than ${MAX_KEY_LENGTH} characters`,
				`Shorten the key to at most ${MAX_KEY_LENGTH} characters.`,
			);
		}
		if (text.length > MAX_VALUE_LENGTH) {
			throw fail(
				`The "Metadata" value of "${key}" is longer than ${MAX_VALUE_LENGTH} characters`,
				`Shorten the value to at most ${MAX_VALUE_LENGTH} characters.`,
			);
		}
		if (key in metadata) {
			throw fail(`The "Metadata" option repeats the key "${key}"`, 'Give every entry its own key.');
		}
		metadata[key] = text;
	}
	return metadata;
}
