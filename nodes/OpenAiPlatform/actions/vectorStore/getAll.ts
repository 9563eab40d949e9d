import type { IDataObject } from 'n8n-workflow';
import type { VectorStoreListParams } from 'openai/resources/vector-stores/vector-stores';

import { toItems } from '../../../shared/engine/runItems';
import { listProperties, pageSize, readLimit, take } from '../../../shared/list';
import { orderProperty, readOrder } from '../shared/order';
import type { ItemOperation } from '../types';

export const getAllVectorStores: ItemOperation = {
	value: 'getAll',
	name: 'Get Many',
	action: 'Get many vector stores',
	description: 'List vector stores, newest first, following the API pages',
	properties: [
		...listProperties(),
		{ displayName: 'Options', name: 'options', type: 'collection', placeholder: 'Add Option', default: {}, options: [orderProperty('desc')] },
	],
	async execute({ n8n, transport, itemIndex }) {
		const limit = readLimit(n8n, itemIndex);
		const options = n8n.getNodeParameter('options', itemIndex, {}) as IDataObject;
		const order = readOrder(n8n, itemIndex, options.order);
		const query: VectorStoreListParams = { limit: pageSize(limit), ...(order ? { order } : {}) };
		const stores = await take(transport.client.vectorStores.list(query), limit, 'GET /vector_stores');
		return toItems(stores.map((store) => ({ ...store }) as IDataObject));
	},
};
