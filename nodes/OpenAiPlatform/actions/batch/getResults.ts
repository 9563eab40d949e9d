import { checkedCall } from '../../../shared/shape';
import type { ItemOperation } from '../types';
import { BATCH, batchShape } from './answer';
import { batchIdProperty, readBatchId } from './batchId';
import { assertResultsReady, fetchBatchResults, resultItems } from './results';

export const getBatchResults: ItemOperation = {
	value: 'getResults',
	name: 'Get Results',
	action: 'Get the results of a batch',
	description: 'One item per request, in the order of the original items: the response or the error, and the usage',
	properties: [batchIdProperty],
	async execute({ n8n, transport, itemIndex }) {
		const batch = await checkedCall(transport.client.batches.retrieve(readBatchId(n8n, itemIndex)), batchShape, BATCH);
		assertResultsReady(n8n, itemIndex, batch);
		return resultItems(batch, await fetchBatchResults(transport, batch));
	},
};
