import type { IDataObject } from 'n8n-workflow';

import { toItems } from '../../../shared/engine/runItems';
import { checkedCall } from '../../../shared/shape';
import type { ItemOperation } from '../types';
import { FILE_BATCH, fileBatchShape } from './answer';
import { fileBatchIdProperty, readFileBatchId, readVectorStoreId, vectorStoreIdProperty } from './ids';

export const getVectorStoreFileBatch: ItemOperation = {
	value: 'getFileBatch',
	name: 'Get File Batch',
	action: 'Get a file batch of a vector store',
	description: "Get a file batch's status and file counts",
	properties: [vectorStoreIdProperty, fileBatchIdProperty],
	async execute({ n8n, transport, itemIndex }) {
		const vectorStoreId = readVectorStoreId(n8n, itemIndex);
		const batchId = readFileBatchId(n8n, itemIndex);
		const batch = await checkedCall(transport.client.vectorStores.fileBatches.retrieve(batchId, { vector_store_id: vectorStoreId }), fileBatchShape, FILE_BATCH);
		return toItems({ ...batch } as IDataObject);
	},
};
