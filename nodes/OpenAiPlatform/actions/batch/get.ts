import type { IDataObject } from 'n8n-workflow';

import { toItems } from '../../../shared/engine/runItems';
import type { ItemOperation } from '../types';
import { batchIdProperty, readBatchId } from './batchId';

export const getBatch: ItemOperation = {
	value: 'get',
	name: 'Get',
	action: 'Get a batch',
	description: "Get a batch's status, request counts, files and usage",
	properties: [batchIdProperty],
	async execute({ n8n, transport, itemIndex }) {
		const batch = await transport.client.batches.retrieve(readBatchId(n8n, itemIndex));
		return toItems(batch as unknown as IDataObject);
	},
};
