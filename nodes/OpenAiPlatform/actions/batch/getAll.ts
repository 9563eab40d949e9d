import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { toItems } from '../../../shared/engine/runItems';
import type { ItemOperation } from '../types';

const PAGE_SIZE = 100;

const properties: INodeProperties[] = [
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 50,
		description: 'Max number of results to return',
		displayOptions: { show: { returnAll: [false] } },
	},
];

export const getAllBatches: ItemOperation = {
	value: 'getAll',
	name: 'Get Many',
	action: 'Get many batches',
	description: "List the organization's batches, newest first",
	properties,
	async execute({ n8n, transport, itemIndex }) {
		const returnAll = n8n.getNodeParameter('returnAll', itemIndex) as boolean;
		const limit = returnAll ? Infinity : (n8n.getNodeParameter('limit', itemIndex) as number);
		const batches: IDataObject[] = [];
		for await (const batch of transport.client.batches.list({ limit: Math.min(Number.isFinite(limit) ? limit : PAGE_SIZE, PAGE_SIZE) })) {
			batches.push(batch as unknown as IDataObject);
			if (batches.length >= limit) break;
		}
		return toItems(batches);
	},
};
