import type { IDataObject } from 'n8n-workflow';

import { toItems } from '../../../shared/engine/runItems';
import { checkedCall } from '../../../shared/shape';
import type { ItemOperation } from '../types';
import { BATCH, batchShape } from './answer';
import { batchIdProperty, readBatchId } from './batchId';

export const getBatch: ItemOperation = {
	value: 'get',
	name: 'Get',
	action: 'Get a batch',
	description: "Get a batch's status, request counts, files and usage",
	properties: [batchIdProperty],
	async execute({ n8n, transport, itemIndex }) {
		const batch = await checkedCall(transport.client.batches.retrieve(readBatchId(n8n, itemIndex)), batchShape, BATCH);
		return toItems(batch as unknown as IDataObject);
	},
};
