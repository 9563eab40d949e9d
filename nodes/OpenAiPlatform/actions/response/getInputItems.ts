import type { IDataObject, INodeProperties } from 'n8n-workflow';
import type { InputItemListParams } from 'openai/resources/responses/input-items';

import { toItems } from '../../../shared/engine/runItems';
import { listProperties, pageSize, readLimit, take } from '../../../shared/list';
import type { Operation } from '../types';
import { includeProperty, readInclude } from './include';
import { readResponseId, responseIdProperty } from './responseId';
import { orderProperty, readOrder } from '../shared/order';

const filters: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [
		includeProperty('Extra data to return with the items, e.g. the URLs of input images'),
		orderProperty('desc'),
	],
};

export const getResponseInputItems: Operation = {
	value: 'getInputItems',
	name: 'Get Input Items',
	action: 'Get the input items of a response',
	description: 'List the input items (messages, tool outputs) a stored response was given, one output item each',
	properties: [responseIdProperty('The ID of the stored response whose input to list'), ...listProperties(), filters],
	async execute({ n8n, transport, itemIndex }) {
		const id = readResponseId(n8n, itemIndex);
		const limit = readLimit(n8n, itemIndex);
		const options = n8n.getNodeParameter('options', itemIndex, {}) as IDataObject;
		const include = readInclude(n8n, itemIndex, options.include);
		const order = readOrder(n8n, itemIndex, options.order);
		const query: InputItemListParams = {
			limit: pageSize(limit),
			...(order ? { order } : {}),
			...(include ? { include } : {}),
		};
		const items = await take(transport.client.responses.inputItems.list(id, query), limit, `the input items of response ${id}`);
		return toItems(items.map((item) => ({ ...item }) as IDataObject));
	},
};
