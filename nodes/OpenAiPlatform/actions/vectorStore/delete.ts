import type { IDataObject } from 'n8n-workflow';

import { toItems } from '../../../shared/engine/runItems';
import { checkedCall } from '../../../shared/shape';
import type { ItemOperation } from '../types';
import { deletionShape, VECTOR_STORE_DELETION } from './answer';
import { readVectorStoreId, vectorStoreIdProperty } from './ids';

export const deleteVectorStore: ItemOperation = {
	value: 'delete',
	name: 'Delete',
	action: 'Delete a vector store',
	description: 'Delete a vector store (its files stay uploaded; delete them with File → Delete)',
	properties: [vectorStoreIdProperty],
	async execute({ n8n, transport, itemIndex }) {
		const result = await checkedCall(transport.client.vectorStores.delete(readVectorStoreId(n8n, itemIndex)), deletionShape, VECTOR_STORE_DELETION);
		return toItems({ ...result } as IDataObject);
	},
};
