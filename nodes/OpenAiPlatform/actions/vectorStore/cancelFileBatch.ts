import type { IDataObject } from 'n8n-workflow';

import { toItems } from '../../../shared/engine/runItems';
import { checkedCall } from '../../../shared/shape';
import type { ItemOperation } from '../types';
import { FILE_BATCH, fileBatchShape } from './answer';
import { fileBatchIdProperty, readFileBatchId, readVectorStoreId, vectorStoreIdProperty } from './ids';

export const cancelVectorStoreFileBatch: ItemOperation = {
	value: 'cancelFileBatch',
	name: 'Cancel File Batch',
	action: 'Cancel a file batch of a vector store',
	description: 'Stop processing the files of a batch that are still in progress',
	properties: [vectorStoreIdProperty, fileBatchIdProperty],
	async execute({ n8n, transport, itemIndex }) {
		const vectorStoreId = readVectorStoreId(n8n, itemIndex);
		const batchId = readFileBatchId(n8n, itemIndex);
		const batch = await checkedCall(transport.client.vectorStores.fileBatches.cancel(batchId, { vector_store_id: vectorStoreId }), fileBatchShape, FILE_BATCH);
		return toItems({ ...batch } as IDataObject);
	},
};
