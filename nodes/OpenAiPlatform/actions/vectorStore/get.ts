import type { IDataObject } from 'n8n-workflow';

import { toItems } from '../../../shared/engine/runItems';
import { checkedCall } from '../../../shared/shape';
import type { ItemOperation } from '../types';
import { VECTOR_STORE, vectorStoreShape } from './answer';
import { readVectorStoreId, vectorStoreIdProperty } from './ids';

export const getVectorStore: ItemOperation = {
	value: 'get',
	name: 'Get',
	action: 'Get a vector store',
	description: "Get a vector store's status, file counts, size and expiry",
	properties: [vectorStoreIdProperty],
	async execute({ n8n, transport, itemIndex }) {
		const store = await checkedCall(transport.client.vectorStores.retrieve(readVectorStoreId(n8n, itemIndex)), vectorStoreShape, VECTOR_STORE);
		return toItems({ ...store } as IDataObject);
	},
};
