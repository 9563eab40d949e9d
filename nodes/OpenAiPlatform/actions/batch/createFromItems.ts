import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import type { BatchCreateParams } from 'openai/resources/batches';
import { toFile } from 'openai/uploads';

import { checkedCall } from '../../../shared/shape';
import type { OpenAiTransport } from '../../../shared/transport/client';
import { FILE, fileShape } from '../file/answer';
import { inputError } from '../shared/errors';
import { metadataText } from '../shared/metadata';
import { formatBytes, MB } from '../shared/mediaBinary';
import type { AllItemsContext, AllItemsOperation } from '../types';
import { BATCH, batchShape } from './answer';
import { type BatchRequestEntry, buildBatchLines, findMismatch, MAX_BATCH_REQUESTS } from './batchLines';
import { BATCH_ENDPOINTS, type BatchEndpoint, readEndpoint } from './endpoints';
import { assertResultsReady, fetchBatchResults, resultJson } from './results';
import { readWaitSettings, waitForBatch, waitOptions } from './waitForBatch';

export const MAX_BATCH_FILE_BYTES = 200 * MB;
const MAX_METADATA_KEYS = 16;

const endpointProperty: INodeProperties = {
	displayName: 'Endpoint',
	name: 'endpoint',
	type: 'options',
	default: '/v1/chat/completions',
	options: BATCH_ENDPOINTS.map(({ name, url, description }) => ({ name, value: url, description })),
	description: 'Which API every request of the batch goes to; the parameters below are those of that operation',
};

/**
 * The synchronous operation's parameters, shown for their endpoint only. They are not marked
 * required: when the endpoint comes from an expression, n8n would otherwise demand the required
 * parameters of every endpoint; each endpoint's reader checks its own values for every item.
 */
const endpointProperties: INodeProperties[] = BATCH_ENDPOINTS.flatMap(({ url, properties }) =>
	properties.map((property) => ({
		...property,
		required: false,
		displayOptions: {
			...property.displayOptions,
			show: { ...property.displayOptions?.show, endpoint: [url] },
		},
	})),
);

const batchOptionsProperty: INodeProperties = {
	displayName: 'Batch Options',
	name: 'batchOptions',
	type: 'collection',
	placeholder: 'Add Batch Option',
	default: {},
	options: [
		{
			displayName: 'Completion Window',
			name: 'completionWindow',
			type: 'options',
			default: '24h',
			options: [{ name: '24 Hours', value: '24h' }],
			description: 'How long OpenAI has to finish the batch; unfinished requests expire after it',
		},
		waitOptions[0],
		{
			displayName: 'Metadata',
			name: 'metadata',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true },
			default: {},
			placeholder: 'Add Metadata',
			description: 'Up to 16 key-value pairs stored with the batch (keys up to 64, values up to 512 characters)',
			options: [
				{
					displayName: 'Metadata',
					name: 'values',
					values: [
						{ displayName: 'Key', name: 'key', type: 'string', default: '' },
						{ displayName: 'Value', name: 'value', type: 'string', default: '' },
					],
				},
			],
		},
		{
			displayName: 'Output Expires After (Seconds)',
			name: 'outputExpiresAfterSeconds',
			type: 'number',
			typeOptions: { minValue: 3600, maxValue: 2592000 },
			default: 2592000,
			description: 'Delete the output and error files this many seconds after the batch was created (1 hour to 30 days)',
		},
		waitOptions[1],
		{
			displayName: 'Wait for Completion',
			name: 'waitForCompletion',
			type: 'boolean',
			default: false,
			description: 'Whether to wait until the batch is done and output one result per input item (response or error, and usage) instead of the batch',
		},
	],
};

export const createBatchFromItems: AllItemsOperation = {
	kind: 'allItems',
	value: 'createFromItems',
	name: 'Create From Items',
	action: 'Create a batch from the input items',
	description: 'Send every input item as one request of a Batch API job (half the price, results within 24 hours)',
	properties: [endpointProperty, ...endpointProperties, batchOptionsProperty],
	executeAll: async (ctx) => await executeCreateFromItems(ctx),
};

/**
 * All input items become one batch: each item's request body is built like the synchronous
 * operation builds it, the JSONL is uploaded with purpose "batch", and the batch is created. The
 * output is the batch with the custom_id of every item, paired with all items; or, with Wait for
 * Completion, one result per item, paired with its item.
 */
export async function executeCreateFromItems({ n8n, transport, itemIndexes }: AllItemsContext): Promise<INodeExecutionData[]> {
	if (itemIndexes.length === 0) return [];
	const first = itemIndexes[0];
	const continueOnFail = n8n.continueOnFail();
	const errorItems: INodeExecutionData[] = [];

	const endpoints: Array<{ itemIndex: number; value: BatchEndpoint }> = [];
	for (const itemIndex of itemIndexes) endpoints.push({ itemIndex, value: readEndpoint(n8n, itemIndex) });
	const mixed = findMismatch(endpoints);
	if (mixed) {
		throw inputError(
			n8n,
			mixed.other.itemIndex,
			`The items ask for different endpoints: item ${mixed.first.itemIndex} for ${mixed.first.value.url}, item ${mixed.other.itemIndex} for ${mixed.other.value.url}; one batch sends all its requests to one endpoint`,
			'Split the items by endpoint (e.g. with a Switch node) and create one batch per endpoint.',
		);
	}
	const endpoint = endpoints[0].value;

	const entries: BatchRequestEntry[] = [];
	for (const itemIndex of itemIndexes) {
		try {
			entries.push({ itemIndex, body: await endpoint.buildRequest({ n8n, transport, itemIndex }) });
		} catch (error) {
			if (!continueOnFail) throw transport.toNodeError(error, itemIndex);
			errorItems.push(errorItem(transport, error, itemIndex));
		}
	}
	if (entries.length === 0) return errorItems;
	checkEntries(n8n, entries);

	const options = n8n.getNodeParameter('batchOptions', first, {}) as IDataObject;
	const lines = buildBatchLines(entries, endpoint.url);
	if (lines.bytes > MAX_BATCH_FILE_BYTES) {
		throw inputError(n8n, first, `The batch input file would be ${formatBytes(lines.bytes)}; the Batch API accepts at most ${formatBytes(MAX_BATCH_FILE_BYTES)}`, 'Split the items into several batches (e.g. with Loop Over Items).');
	}
	const metadata = readMetadata(n8n, first, options);
	const expires = typeof options.outputExpiresAfterSeconds === 'number' ? options.outputExpiresAfterSeconds : undefined;

	const file = await checkedCall(
		transport.client.files.create({
			file: await toFile(Buffer.from(lines.jsonl, 'utf8'), `n8n-batch-${entries.length}-requests.jsonl`, { type: 'application/jsonl' }),
			purpose: 'batch',
		}),
		fileShape,
		FILE,
	);
	const params: BatchCreateParams = {
		input_file_id: file.id,
		endpoint: endpoint.url,
		completion_window: '24h',
		...(metadata ? { metadata } : {}),
		...(expires ? { output_expires_after: { anchor: 'created_at', seconds: expires } } : {}),
	};
	const batch = await checkedCall(transport.client.batches.create(params), batchShape, BATCH);

	if (options.waitForCompletion !== true) {
		const json: IDataObject = {
			...(batch as unknown as IDataObject),
			requests: lines.requests as unknown as IDataObject[],
			input_file: { id: file.id, filename: file.filename, bytes: file.bytes },
		};
		return [{ json, pairedItem: entries.map(({ itemIndex }) => ({ item: itemIndex })) }, ...errorItems];
	}

	const finished = await waitForBatch(n8n, transport, batch, readWaitSettings(options), first);
	assertResultsReady(n8n, first, finished);
	const results = new Map((await fetchBatchResults(transport, finished)).map((result) => [result.itemIndex, result]));
	const outputs: INodeExecutionData[] = entries.map(({ itemIndex }, position) => {
		const result = results.get(itemIndex);
		const json: IDataObject = result
			? resultJson(finished, result)
			: {
					custom_id: lines.requests[position].custom_id,
					itemIndex,
					batch_id: finished.id,
					status: 'failed',
					status_code: null,
					request_id: null,
					response: null,
					error: { code: `batch_${finished.status}`, message: `The batch ended (${finished.status}) before this request ran`, type: null, param: null },
					usage: null,
				};
		return { json, pairedItem: { item: itemIndex } };
	});
	return [...outputs, ...errorItems].sort((a, b) => pairedIndex(a) - pairedIndex(b));
}

/** Limits the Batch API checks only after the upload, checked before it. */
function checkEntries(n8n: IExecuteFunctions, entries: BatchRequestEntry[]): void {
	if (entries.length > MAX_BATCH_REQUESTS) {
		throw inputError(n8n, entries[MAX_BATCH_REQUESTS].itemIndex, `The batch would hold ${entries.length} requests; the Batch API takes at most ${MAX_BATCH_REQUESTS}`, 'Split the items into several batches (e.g. with Loop Over Items).');
	}
	const models = entries.map(({ itemIndex, body }) => ({ itemIndex, value: String(body.model ?? '') }));
	const mixed = findMismatch(models);
	if (mixed) {
		throw inputError(
			n8n,
			mixed.other.itemIndex,
			`The items use different models: item ${mixed.first.itemIndex} ${mixed.first.value}, item ${mixed.other.itemIndex} ${mixed.other.value}; OpenAI accepts one model per batch`,
			'Use the same model for all items, or split the items by model and create one batch per model.',
		);
	}
}

function readMetadata(n8n: IExecuteFunctions, itemIndex: number, options: IDataObject): Record<string, string> | undefined {
	const pairs = ((options.metadata as IDataObject | undefined)?.values ?? []) as Array<{ key?: unknown; value?: unknown }>;
	const entries = pairs
		.map((pair, entry) => {
			const key = metadataText(n8n, itemIndex, pair.key, { part: 'key', entry }).trim();
			return [key, key ? metadataText(n8n, itemIndex, pair.value, { part: 'value', key, entry }) : ''] as const;
		})
		.filter(([key]) => key !== '');
	if (entries.length === 0) return undefined;
	const fix = 'Use up to 16 pairs, keys up to 64 and values up to 512 characters.';
	if (entries.length > MAX_METADATA_KEYS) throw inputError(n8n, itemIndex, `The "Metadata" option has ${entries.length} keys; OpenAI stores at most ${MAX_METADATA_KEYS}`, fix);
	for (const [key, value] of entries) {
		if (key.length > 64) throw inputError(n8n, itemIndex, `The "Metadata" key "${key.slice(0, 20)}…" is longer than 64 characters`, fix);
		if (value.length > 512) throw inputError(n8n, itemIndex, `The "Metadata" value of "${key}" is longer than 512 characters`, fix);
	}
	return Object.fromEntries(entries);
}

function errorItem(transport: OpenAiTransport, error: unknown, itemIndex: number): INodeExecutionData {
	const nodeError = transport.toNodeError(error, itemIndex);
	return {
		json: { error: nodeError.message, ...(nodeError.description ? { description: nodeError.description } : {}) },
		pairedItem: { item: itemIndex },
	};
}

function pairedIndex(item: INodeExecutionData): number {
	const paired = item.pairedItem;
	if (Array.isArray(paired)) return paired[0]?.item ?? 0;
	return typeof paired === 'object' && paired ? paired.item : 0;
}
