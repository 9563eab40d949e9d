import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { AllItemsOperation, Operation, PackedEntry, PackedOperation } from '../operation';
import type { OpenAiTransport } from '../transport/client';
import type { ItemEngineOptions, Task } from './runItems';
import { withBodyRetries } from './bodyRetries';
import { withParameterCache } from './parameterCache';
import { runItems, runTasks } from './runItems';

/** Runs one operation over the node's input items, whatever its kind. */
export async function runOperation(
	context: IExecuteFunctions,
	operation: Operation,
	transport: OpenAiTransport,
	options: ItemEngineOptions,
): Promise<INodeExecutionData[]> {
	const n8n = withParameterCache(context);
	switch (operation.kind) {
		case 'packed':
			return await runPacked(n8n, operation, transport, options);
		case 'allItems':
			return await runAllItems(n8n, operation, transport, options);
		default:
			return await runItems(
				n8n,
				options,
				async (itemIndex) =>
					await withBodyRetries(
						transport.maxRetries,
						options.stop.signal,
						async () => await operation.execute({ n8n, transport, itemIndex }),
					),
			);
	}
}

/** Prepares every item, packs compatible ones into as few requests as the limits allow, sends them. */
async function runPacked(
	n8n: IExecuteFunctions,
	operation: PackedOperation,
	transport: OpenAiTransport,
	options: ItemEngineOptions,
): Promise<INodeExecutionData[]> {
	const entries: PackedEntry[] = [];
	const failed: Array<{ itemIndex: number; error: unknown }> = [];
	for (let itemIndex = 0; itemIndex < options.itemCount; itemIndex++) {
		try {
			entries.push(await operation.prepare({ n8n, transport, itemIndex }));
		} catch (error) {
			failed.push({ itemIndex, error });
		}
	}
	const tasks: Task[] = packEntries(entries, operation.limits).map((group) => ({
		itemIndexes: group.map((entry) => entry.itemIndex),
		run: async () => await operation.send({ n8n, transport }, group),
	}));
	return await runTasks(n8n, options, tasks, failed);
}

/**
 * Groups entries in input order: an entry joins the open group of its key unless that would pass
 * `maxItems` or `maxWeight`; then the group is closed and a new one starts. An entry heavier than
 * `maxWeight` on its own goes alone (the API decides).
 */
export function packEntries<T extends PackedEntry>(
	entries: T[],
	limits: { maxItems: number; maxWeight: number },
): T[][] {
	const groups: T[][] = [];
	const open = new Map<string, { group: T[]; weight: number }>();
	for (const entry of entries) {
		let current = open.get(entry.key);
		if (
			current &&
			(current.group.length >= limits.maxItems || current.weight + entry.weight > limits.maxWeight)
		) {
			current = undefined;
		}
		if (!current) {
			current = { group: [], weight: 0 };
			open.set(entry.key, current);
			groups.push(current.group);
		}
		current.group.push(entry);
		current.weight += entry.weight;
	}
	return groups;
}

/** One call for all items; on failure either the node's error or one error item paired with all. */
async function runAllItems(
	n8n: IExecuteFunctions,
	operation: AllItemsOperation,
	transport: OpenAiTransport,
	options: ItemEngineOptions,
): Promise<INodeExecutionData[]> {
	const itemIndexes = Array.from({ length: options.itemCount }, (_, i) => i);
	try {
		return await operation.executeAll({ n8n, transport, itemIndexes });
	} catch (error) {
		const nodeError = options.toNodeError(error, 0);
		if (!n8n.continueOnFail()) throw nodeError;
		return [
			{
				json: { error: nodeError.message, ...(nodeError.description ? { description: nodeError.description } : {}) },
				pairedItem: itemIndexes.map((item) => ({ item })),
			},
		];
	}
}
