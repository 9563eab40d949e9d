import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	NodeApiError,
	NodeOperationError,
} from 'n8n-workflow';

import { ExecutionCancelledError } from '../transport/errors';

/**
 * The item engine: every operation of every node runs its items through here.
 * - bounded concurrency, output order = input order, `pairedItem` on every output;
 * - under "Continue On Fail" a failed item becomes an error item at its own position;
 *   otherwise the first failure stops the other items and is thrown, naming its item;
 * - Stop in n8n (the execution's cancel signal) ends the run promptly.
 */
export interface ItemEngineOptions {
	itemCount: number;
	concurrency: number;
	/** Aborted by the engine when it stops early; pass it to the transport so requests end too. */
	stop: AbortController;
	toNodeError(error: unknown, itemIndex: number): NodeApiError | NodeOperationError;
}

export type ItemWork = (itemIndex: number) => Promise<INodeExecutionData[]>;

export async function runItems(
	ctx: IExecuteFunctions,
	options: ItemEngineOptions,
	work: ItemWork,
): Promise<INodeExecutionData[]> {
	const { itemCount, stop } = options;
	const concurrency = Math.max(1, Math.min(Math.floor(options.concurrency) || 1, itemCount));
	const results: INodeExecutionData[][] = new Array(itemCount);
	const continueOnFail = ctx.continueOnFail();
	const cancel = ctx.getExecutionCancelSignal();
	let next = 0;
	let failure: NodeApiError | NodeOperationError | undefined;

	const onCancel = () => stop.abort(cancel?.reason);
	cancel?.addEventListener('abort', onCancel, { once: true });

	const worker = async () => {
		while (!stop.signal.aborted && next < itemCount) {
			const itemIndex = next++;
			try {
				const output = await work(itemIndex);
				results[itemIndex] = output.map((item) => ({ ...item, pairedItem: { item: itemIndex } }));
			} catch (error) {
				const nodeError = options.toNodeError(error, itemIndex);
				if (continueOnFail && !cancel?.aborted) {
					results[itemIndex] = [errorItem(nodeError, itemIndex)];
					continue;
				}
				if (!failure) failure = nodeError;
				stop.abort(nodeError);
			}
		}
	};

	try {
		await Promise.all(Array.from({ length: concurrency }, worker));
	} finally {
		cancel?.removeEventListener('abort', onCancel);
	}
	if (failure) throw failure;
	if (cancel?.aborted) {
		throw new ExecutionCancelledError(ctx.getNode(), 'The execution was cancelled');
	}
	return results.flat();
}

function errorItem(error: NodeApiError | NodeOperationError, itemIndex: number): INodeExecutionData {
	const json: IDataObject = { error: error.message };
	if (error.description) json.description = error.description;
	const httpCode = (error as { httpCode?: string | null }).httpCode;
	if (httpCode) json.httpCode = httpCode;
	return { json, pairedItem: { item: itemIndex } };
}

/** Wraps plain JSON results as output items (pairedItem is set by the engine). */
export function toItems(data: IDataObject | IDataObject[]): INodeExecutionData[] {
	return (Array.isArray(data) ? data : [data]).map((json) => ({ json }));
}
