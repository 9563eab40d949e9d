import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { APIError } from 'openai';
import type { Batch, BatchCreateParams } from 'openai/resources/batches';
import { toFile } from 'openai/uploads';

import { checkedCall } from '../../../shared/shape';
import type { OpenAiTransport } from '../../../shared/transport/client';
import { FILE, fileShape } from '../file/answer';
import { inputError } from '../shared/errors';
import { MAX_METADATA_KEY_LENGTH, MAX_METADATA_KEYS, MAX_METADATA_VALUE_LENGTH, metadataProperty, metadataText } from '../shared/metadata';
import { formatBytes, readOutputProperty } from '../shared/mediaBinary';
import type { AllItemsContext, AllItemsOperation } from '../types';
import { BATCH, batchShape } from './answer';
import { BATCH_LIMITS, type BatchLines, type BatchRequestEntry, type BatchResult, customIdFor, findMismatch, splitBatchLines } from './batchLines';
import { BATCH_ENDPOINTS, type BatchEndpoint, readEndpoint } from './endpoints';
import { resultItem } from './imageResults';
import { assertResultsReady, fetchBatchResults, FINAL_STATUSES, resultJson } from './results';
import { runDirectly } from './runDirectly';
import { readWaitSettings, stillRunning, waitForBatches, waitOptions, type WaitSettings } from './waitForBatch';

/** How long cancelled batches are watched at the deadline before their requests all run directly (tests shorten it). */
export const DEADLINE = { cancelSettleMinutes: 10 };

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
			displayName: 'At Max Wait (Deadline)',
			name: 'atMaxWait',
			type: 'options',
			default: 'error',
			options: [
				{
					name: 'Stop With an Error',
					value: 'error',
					description: 'The batches keep running at OpenAI; get their results later with Batch → Get Results',
				},
				{
					name: 'Cancel and Run the Rest Directly',
					value: 'runDirectly',
					description:
						'Cancel the batches that are not done, keep what they finished, and send the requests they did not run directly (at the normal price), so every item gets its answer',
				},
			],
			description: 'With Wait for Completion: what happens when Max Wait is reached before every batch is done',
		},
		{
			displayName: 'Completion Window',
			name: 'completionWindow',
			type: 'options',
			default: '24h',
			options: [{ name: '24 Hours', value: '24h' }],
			description: 'How long OpenAI has to finish the batch; unfinished requests expire after it',
		},
		waitOptions[0],
		metadataProperty('Up to 16 key-value pairs stored with the batch (keys up to 64, values up to 512 characters)'),
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
 * The input items become one batch, or several when they pass OpenAI's per-batch limits (50,000
 * requests, 200 MB of JSONL): consecutive parts, so results read batch after batch stay in item
 * order. Each item's request body is built like the synchronous operation builds it, each part's
 * JSONL is uploaded with purpose "batch" and its batch created. The output is one item per batch
 * with the custom_id of each of its items, paired with them; or, with Wait for Completion, one
 * result per item, paired with its item, across all the batches. At Max Wait the batches not done
 * either make an error or (Cancel and Run the Rest Directly) are cancelled and the requests they did
 * not run are sent directly.
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
	const parts = splitBatchLines(entries, endpoint.url, BATCH_LIMITS);
	if (!Array.isArray(parts)) {
		throw inputError(
			n8n,
			parts.itemIndex,
			`The request of this item is ${formatBytes(parts.bytes)} as a batch line; a batch input file may hold at most ${formatBytes(BATCH_LIMITS.maxFileBytes)}`,
			'Shorten the input of this item, or send it with the synchronous operation.',
		);
	}
	const metadata = readMetadata(n8n, first, options);
	const expires = typeof options.outputExpiresAfterSeconds === 'number' ? options.outputExpiresAfterSeconds : undefined;
	const created = await createBatches(transport, parts, endpoint.url, metadata, expires);

	if (options.waitForCompletion !== true) {
		const outputs = created.map(({ batch, file, lines }, index): INodeExecutionData => ({
			json: {
				...(batch as unknown as IDataObject),
				requests: lines.requests as unknown as IDataObject[],
				input_file: { id: file.id, filename: file.filename, bytes: file.bytes },
				...(created.length > 1 ? { part: index + 1, parts: created.length } : {}),
			},
			pairedItem: lines.requests.map(({ itemIndex }) => ({ item: itemIndex })),
		}));
		return [...outputs, ...errorItems];
	}

	const settings = readWaitSettings(options);
	let batches = await waitForBatches(transport, created.map(({ batch }) => batch), settings);
	const runRestDirectly = options.atMaxWait === 'runDirectly';
	if (runRestDirectly) {
		batches = await cancelUnfinished(n8n, transport, batches, settings);
	} else {
		const open = batches.find((batch) => !FINAL_STATUSES.has(batch.status));
		if (open) throw stillRunning(n8n, open, settings, first);
	}

	const results = new Map<number, { batch: Batch; result?: BatchResult }>();
	for (const [position, batch] of batches.entries()) {
		for (const { itemIndex } of created[position].lines.requests) results.set(itemIndex, { batch });
		if (!FINAL_STATUSES.has(batch.status)) continue; // cancelled at the deadline, still cancelling: its requests run directly
		assertResultsReady(n8n, first, batch);
		for (const result of await fetchBatchResults(transport, batch)) {
			if (result.itemIndex !== null && results.has(result.itemIndex)) results.set(result.itemIndex, { batch, result });
		}
	}
	const unfinished = runRestDirectly
		? entries
				.filter(({ itemIndex }) => !ran(results.get(itemIndex)?.result))
				.map((entry) => ({ ...entry, batchId: results.get(entry.itemIndex)?.batch.id ?? '' }))
		: [];
	const direct = await runDirectly(n8n, transport, endpoint.url, unfinished);

	const outputs: INodeExecutionData[] = [];
	for (const { itemIndex } of entries) {
		const { batch, result } = results.get(itemIndex) as { batch: Batch; result?: BatchResult };
		const json = direct.get(itemIndex) ?? (result ? resultJson(batch, result) : notRunJson(batch, itemIndex));
		const property = endpoint.imageFileStem ? readOutputProperty((n8n.getNodeParameter('options', itemIndex, {}) as IDataObject).binaryPropertyOutput) : undefined;
		outputs.push({ ...(await resultItem(n8n, endpoint, json, property)), pairedItem: { item: itemIndex } });
	}
	return [...outputs, ...errorItems].sort((a, b) => pairedIndex(a) - pairedIndex(b));
}

interface CreatedBatch {
	batch: Batch;
	file: { id: string; filename: string; bytes: number };
	lines: BatchLines;
}

/**
 * Uploads each part and creates its batch, one after the other. When one fails, the batches created
 * before it are cancelled (best effort) so no half of the items runs unseen, and the error is thrown.
 */
async function createBatches(
	transport: OpenAiTransport,
	parts: BatchLines[],
	endpointUrl: BatchCreateParams['endpoint'],
	metadata: Record<string, string> | undefined,
	expires: number | undefined,
): Promise<CreatedBatch[]> {
	const created: CreatedBatch[] = [];
	try {
		for (const lines of parts) {
			const file = await checkedCall(
				transport.client.files.create({
					file: await toFile(Buffer.from(lines.jsonl, 'utf8'), `n8n-batch-${lines.requests.length}-requests.jsonl`, { type: 'application/jsonl' }),
					purpose: 'batch',
				}),
				fileShape,
				FILE,
			);
			const params: BatchCreateParams = {
				input_file_id: file.id,
				endpoint: endpointUrl,
				completion_window: '24h',
				...(metadata ? { metadata } : {}),
				...(expires ? { output_expires_after: { anchor: 'created_at', seconds: expires } } : {}),
			};
			const batch = await checkedCall(transport.client.batches.create(params), batchShape, BATCH);
			created.push({ batch, file, lines });
		}
		return created;
	} catch (error) {
		await Promise.allSettled(created.map(async ({ batch }) => await transport.client.batches.cancel(batch.id)));
		// thrown on to the engine, whose toNodeError makes the NodeApiError the user sees
		// eslint-disable-next-line @n8n/community-nodes/require-node-api-error
		throw error;
	}
}

/**
 * The deadline: the batches not over at Max Wait are cancelled; OpenAI then finishes what is in
 * flight and writes the files of what ran. They are watched for a while longer (up to
 * DEADLINE.cancelSettleMinutes); a batch still cancelling after that gives no results, and all its
 * requests run directly.
 */
async function cancelUnfinished(n8n: IExecuteFunctions, transport: OpenAiTransport, batches: Batch[], settings: WaitSettings): Promise<Batch[]> {
	const open = batches.filter((batch) => !FINAL_STATUSES.has(batch.status));
	if (open.length === 0) return batches;
	const cancelled: Batch[] = [];
	for (const batch of open) {
		try {
			cancelled.push(await checkedCall(transport.client.batches.cancel(batch.id), batchShape, BATCH));
		} catch (error) {
			// it ended between the last look and the cancel (409): read it as it is now; other errors go to the engine
			// eslint-disable-next-line @n8n/community-nodes/require-node-api-error
			if (!(error instanceof APIError) || error.status !== 409) throw error;
			cancelled.push(await checkedCall(transport.client.batches.retrieve(batch.id), batchShape, BATCH));
		}
	}
	const settled = await waitForBatches(transport, cancelled, {
		maxWaitMinutes: DEADLINE.cancelSettleMinutes,
		pollIntervalSeconds: settings.pollIntervalSeconds,
	});
	const byId = new Map(settled.map((batch) => [batch.id, batch]));
	return batches.map((batch) => byId.get(batch.id) ?? batch);
}

/** A request the batch answered (successfully or not); false for one it never ran (cancelled, expired). */
function ran(result: BatchResult | undefined): boolean {
	return result !== undefined && !(result.status === 'failed' && result.status_code === null);
}

function notRunJson(batch: Batch, itemIndex: number): IDataObject {
	return {
		custom_id: customIdFor(itemIndex),
		itemIndex,
		batch_id: batch.id,
		status: 'failed',
		status_code: null,
		request_id: null,
		response: null,
		error: { code: `batch_${batch.status}`, message: `The batch ended (${batch.status}) before this request ran`, type: null, param: null },
		usage: null,
	};
}

/** What the Batch API checks only after the upload, checked before it. */
function checkEntries(n8n: IExecuteFunctions, entries: BatchRequestEntry[]): void {
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
		if (key.length > MAX_METADATA_KEY_LENGTH) throw inputError(n8n, itemIndex, `The "Metadata" key "${key.slice(0, 20)}…" is longer than ${MAX_METADATA_KEY_LENGTH} characters`, fix);
		if (value.length > MAX_METADATA_VALUE_LENGTH) throw inputError(n8n, itemIndex, `The "Metadata" value of "${key}" is longer than ${MAX_METADATA_VALUE_LENGTH} characters`, fix);
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
