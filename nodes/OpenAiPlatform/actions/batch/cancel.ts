import type { IDataObject } from 'n8n-workflow';

import { toItems } from '../../../shared/engine/runItems';
import { checkedCall } from '../../../shared/shape';
import type { ItemOperation } from '../types';
import { BATCH, batchShape } from './answer';
import { batchIdProperty, readBatchId } from './batchId';

export const cancelBatch: ItemOperation = {
	value: 'cancel',
	name: 'Cancel',
	action: 'Cancel a batch',
	description: 'Cancel a batch that is still running; requests done so far keep their results',
	properties: [batchIdProperty],
	async execute({ n8n, transport, itemIndex }) {
		const batch = await checkedCall(transport.client.batches.cancel(readBatchId(n8n, itemIndex)), batchShape, BATCH);
		return toItems(batch as unknown as IDataObject);
	},
};
