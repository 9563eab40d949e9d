import type { IDataObject } from 'n8n-workflow';

import { toItems } from '../../../shared/engine/runItems';
import { listProperties, pageSize, readLimit, take } from '../../../shared/list';
import type { ItemOperation } from '../types';

export const getAllBatches: ItemOperation = {
	value: 'getAll',
	name: 'Get Many',
	action: 'Get many batches',
	description: "List the organization's batches, newest first",
	properties: listProperties(),
	async execute({ n8n, transport, itemIndex }) {
		const limit = readLimit(n8n, itemIndex);
		const batches = await take(transport.client.batches.list({ limit: pageSize(limit) }), limit);
		return toItems(batches as unknown as IDataObject[]);
	},
};
