import { checkedCall } from '../../../shared/shape';
import type { ItemOperation } from '../types';
import { BATCH, batchShape } from './answer';
import { batchIdProperty, readBatchId } from './batchId';
import { findBatchEndpoint } from './endpoints';
import { resultItem } from './imageResults';
import { assertResultsReady, fetchBatchResults, resultJson } from './results';

export const getBatchResults: ItemOperation = {
	value: 'getResults',
	name: 'Get Results',
	action: 'Get the results of a batch',
	description: 'One item per request, in the order of the original items: the response or the error, and the usage (images as binary files)',
	properties: [batchIdProperty],
	async execute({ n8n, transport, itemIndex }) {
		const batch = await checkedCall(transport.client.batches.retrieve(readBatchId(n8n, itemIndex)), batchShape, BATCH);
		assertResultsReady(n8n, itemIndex, batch);
		const endpoint = findBatchEndpoint(String((batch as { endpoint?: unknown }).endpoint ?? ''));
		const results = await fetchBatchResults(transport, batch);
		const items = [];
		for (const result of results) items.push(await resultItem(n8n, endpoint, resultJson(batch, result)));
		return items;
	},
};
