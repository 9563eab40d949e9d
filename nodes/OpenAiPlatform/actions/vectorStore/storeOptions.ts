import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { FileChunkingStrategyParam } from 'openai/resources/vector-stores/vector-stores';

import { inputError } from '../shared/errors';
import { oneOf, numberInRange } from '../shared/values';

/**
 * Options shared by the vector store operations: the chunking strategy (Create, Add File, Create
 * File Batch), the expiry policy (Create, Update) and file attributes (Add File, Update File,
 * Create File Batch).
 */
export const chunkingOptions: INodeProperties[] = [
	{
		displayName: 'Chunk Overlap (Tokens)',
		name: 'chunkOverlapTokens',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 400,
		description: 'With the static chunking strategy: tokens shared by neighbouring chunks (at most half the chunk size)',
	},
	{
		displayName: 'Chunking Strategy',
		name: 'chunkingStrategy',
		type: 'options',
		options: [
			{ name: 'Auto', value: 'auto', description: "OpenAI's default (800-token chunks, 400 overlap)" },
			{ name: 'Static', value: 'static', description: 'Your own chunk size and overlap' },
		],
		default: 'auto',
		description: 'How files are split into chunks before they are embedded',
	},
	{
		displayName: 'Max Chunk Size (Tokens)',
		name: 'maxChunkSizeTokens',
		type: 'number',
		typeOptions: { minValue: 100, maxValue: 4096 },
		default: 800,
		description: 'With the static chunking strategy: the largest chunk, 100 to 4,096 tokens',
	},
];

export function readChunking(n8n: IExecuteFunctions, itemIndex: number, options: IDataObject): FileChunkingStrategyParam | undefined {
	const type = oneOf(n8n, itemIndex, options.chunkingStrategy, 'Chunking Strategy', ['auto', 'static']);
	if (type === undefined) return undefined;
	if (type === 'auto') return { type: 'auto' };
	const size = numberInRange(n8n, itemIndex, options.maxChunkSizeTokens, 'Max Chunk Size (Tokens)', { min: 100, max: 4096, integer: true }) ?? 800;
	const overlap = numberInRange(n8n, itemIndex, options.chunkOverlapTokens, 'Chunk Overlap (Tokens)', { min: 0, max: 2048, integer: true }) ?? Math.min(400, Math.floor(size / 2));
	if (overlap > size / 2) {
		throw inputError(n8n, itemIndex, `The "Chunk Overlap (Tokens)" option (${overlap}) is more than half of "Max Chunk Size (Tokens)" (${size})`, 'OpenAI accepts an overlap of at most half the chunk size.');
	}
	return { type: 'static', static: { max_chunk_size_tokens: size, chunk_overlap_tokens: overlap } };
}

export function expiresAfterOption(description: string): INodeProperties {
	return {
		displayName: 'Expires After (Days)',
		name: 'expiresAfterDays',
		type: 'number',
		typeOptions: { minValue: 0, maxValue: 365 },
		default: 7,
		description,
	};
}

/** Days after the last activity (1 to 365); 0 (only where `allowNever`) means it never expires: null. */
export function readExpiresAfter(n8n: IExecuteFunctions, itemIndex: number, value: unknown, allowNever: boolean): { anchor: 'last_active_at'; days: number } | null | undefined {
	const days = numberInRange(n8n, itemIndex, value, 'Expires After (Days)', { min: allowNever ? 0 : 1, max: 365, integer: true });
	if (days === undefined) return undefined;
	if (days === 0) return null;
	return { anchor: 'last_active_at', days };
}

export type Attributes = Record<string, string | number | boolean>;

export function attributesProperty(description: string): INodeProperties {
	return {
		displayName: 'Attributes',
		name: 'attributes',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Attribute',
		default: {},
		description,
		options: [
			{
				displayName: 'Attribute',
				name: 'values',
				values: [
					{ displayName: 'Key', name: 'key', type: 'string', default: '', description: 'Up to 64 characters' },
					{
						displayName: 'Type',
						name: 'type',
						type: 'options',
						options: [
							{ name: 'Boolean', value: 'boolean' },
							{ name: 'Number', value: 'number' },
							{ name: 'Text', value: 'string' },
						],
						default: 'string',
						description: 'Numbers can be compared in search filters (gt, lt, …); text up to 512 characters',
					},
					{ displayName: 'Value', name: 'value', type: 'string', default: '' },
				],
			},
		],
	};
}

/** The attribute editor as OpenAI's attributes object (16 keys, keys up to 64, text up to 512 characters). */
export function readAttributes(n8n: IExecuteFunctions, itemIndex: number, value: unknown): Attributes | undefined {
	const entries = ((value as { values?: Array<{ key?: unknown; type?: unknown; value?: unknown }> } | undefined)?.values ?? []).filter(
		(entry) => entry !== null && typeof entry === 'object',
	);
	if (entries.length === 0) return undefined;
	const fail = (message: string, fix: string) => inputError(n8n, itemIndex, message, fix);
	if (entries.length > 16) throw fail(`The "Attributes" parameter has ${entries.length} entries; OpenAI accepts at most 16`, 'Keep up to 16 attributes.');
	const attributes: Attributes = {};
	for (const [index, entry] of entries.entries()) {
		const key = typeof entry.key === 'string' ? entry.key.trim() : '';
		if (!key) throw fail(`Attribute ${index + 1} of the "Attributes" parameter has no key`, 'Enter a key or remove the attribute.');
		if (key.length > 64) throw fail(`The attribute key "${key.slice(0, 20)}…" is longer than 64 characters`, 'Shorten the key to at most 64 characters.');
		if (key in attributes) throw fail(`The "Attributes" parameter repeats the key "${key}"`, 'Give every attribute its own key.');
		attributes[key] = attributeValue(entry.type ?? 'string', entry.value, key, fail);
	}
	return attributes;
}

function attributeValue(type: unknown, value: unknown, key: string, fail: (message: string, fix: string) => Error): string | number | boolean {
	if (type === 'number') {
		const number = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value.trim()) : NaN;
		if (!Number.isFinite(number)) throw fail(`The attribute "${key}" must be a number, not ${JSON.stringify(value)}`, 'Enter a number, or change the attribute\'s type to Text.');
		return number;
	}
	if (type === 'boolean') {
		if (value === true || value === 'true') return true;
		if (value === false || value === 'false') return false;
		throw fail(`The attribute "${key}" must be true or false, not ${JSON.stringify(value)}`, 'Enter true or false, or change the attribute\'s type to Text.');
	}
	if (value !== null && typeof value === 'object') throw fail(`The attribute "${key}" is ${Array.isArray(value) ? 'a list' : 'an object'}, not text`, 'Pick one field of it, or convert it with JSON.stringify in the expression.');
	const text = value === undefined || value === null ? '' : String(value);
	if (text.length > 512) throw fail(`The attribute "${key}" is longer than 512 characters`, 'Shorten the value to at most 512 characters.');
	return text;
}
