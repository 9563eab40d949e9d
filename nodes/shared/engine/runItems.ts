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
 * - work is split into tasks (one item, or several items packed into one request), run with
 *   bounded concurrency; output order = input order, `pairedItem` on every output;
 * - under "Continue On Fail" a failed item becomes an error item at its own position;
 *   otherwise the first failure stops the other tasks and is thrown, naming its item;
 * - Stop in n8n (the execution's cancel signal) ends the run promptly.
 */
export interface ItemEngineOptions {
	itemCount: number;
	concurrency: number;
	/** Aborted by the engine when it stops early; pass it to the transport so requests end too. */
	stop: AbortController;
	toNodeError(error: unknown, itemIndex: number): NodeApiError | NodeOperationError;
}

/** Some items and the work that produces their outputs, one list per item, in the same order. */
export interface Task {
	itemIndexes: number[];
	run(): Promise<INodeExecutionData[][]>;
}

export type ItemWork = (itemIndex: number) => Promise<INodeExecutionData[]>;

type NodeError = NodeApiError | NodeOperationError;

/** One task per item. */
export async function runItems(
	ctx: IExecuteFunctions,
	options: ItemEngineOptions,
	work: ItemWork,
): Promise<INodeExecutionData[]> {
	const tasks: Task[] = Array.from({ length: options.itemCount }, (_, itemIndex) => ({
		itemIndexes: [itemIndex],
		run: async () => [await work(itemIndex)],
	}));
	return await runTasks(ctx, options, tasks);
}

/**
 * Runs tasks with bounded concurrency. `failed` holds items that failed before any task ran (e.g. a
 * packed operation rejected their input); they are reported like failures of a task.
 */
export async function runTasks(
	ctx: IExecuteFunctions,
	options: ItemEngineOptions,
	tasks: Task[],
	failed: Array<{ itemIndex: number; error: unknown }> = [],
): Promise<INodeExecutionData[]> {
	const { itemCount, stop } = options;
	const results: INodeExecutionData[][] = new Array(itemCount);
	const continueOnFail = ctx.continueOnFail();
	const cancel = ctx.getExecutionCancelSignal();
	let failure: { error: NodeError; itemIndex: number } | undefined;

	const fail = (itemIndexes: number[], error: unknown) => {
		for (const itemIndex of itemIndexes) {
			const nodeError = options.toNodeError(error, itemIndex);
			nodeError.context.itemIndex ??= itemIndex;
			if (continueOnFail && !cancel?.aborted) {
				results[itemIndex] = [errorItem(nodeError, itemIndex)];
				continue;
			}
			if (!failure || itemIndex < failure.itemIndex) failure = { error: nodeError, itemIndex };
			stop.abort(nodeError);
			return;
		}
	};
	for (const { itemIndex, error } of failed.sort((a, b) => a.itemIndex - b.itemIndex)) fail([itemIndex], error);

	const onCancel = () => stop.abort(cancel?.reason);
	cancel?.addEventListener('abort', onCancel, { once: true });
	let next = 0;
	const worker = async () => {
		while (!stop.signal.aborted && next < tasks.length) {
			const task = tasks[next++];
			try {
				const outputs = await task.run();
				task.itemIndexes.forEach((itemIndex, position) => {
					results[itemIndex] = (outputs[position] ?? []).map((item) => ({
						...item,
						pairedItem: { item: itemIndex },
					}));
				});
			} catch (error) {
				if (stop.signal.aborted && failure) return; // another task failed first
				fail(task.itemIndexes, error);
			}
		}
	};
	const concurrency = Math.max(1, Math.min(Math.floor(options.concurrency) || 1, tasks.length));
	try {
		if (!stop.signal.aborted) await Promise.all(Array.from({ length: concurrency }, worker));
	} finally {
		cancel?.removeEventListener('abort', onCancel);
	}
	if (failure) throw failure.error;
	if (cancel?.aborted) {
		throw new ExecutionCancelledError(ctx.getNode(), 'The execution was cancelled');
	}
	return results.flat();
}

function errorItem(error: NodeError, itemIndex: number): INodeExecutionData {
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
