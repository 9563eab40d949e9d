import type { IDataObject, INodeProperties } from 'n8n-workflow';
import type { ItemListParams } from 'openai/resources/conversations/items';

import { toItems } from '../../../shared/engine/runItems';
import { listProperties, pageSize, readLimit, take } from '../../../shared/list';
import { includeProperty, readInclude } from '../response/include';
import { orderProperty, readOrder } from '../shared/order';
import type { Operation } from '../types';
import { conversationIdProperty, readConversationId } from './ids';

const options: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [
		includeProperty('Extra data to return with the items, e.g. the URLs of input images or the code interpreter outputs'),
		orderProperty('desc'),
	],
};

export const getConversationItems: Operation = {
	value: 'getItems',
	name: 'Get Many Items',
	action: 'Get many items of a conversation',
	description: 'List the items of a conversation (messages, tool calls, …), newest first unless Order says otherwise, one output item each',
	properties: [conversationIdProperty('The conversation whose items to list'), ...listProperties(), options],
	async execute({ n8n, transport, itemIndex }) {
		const conversationId = readConversationId(n8n, itemIndex);
		const limit = readLimit(n8n, itemIndex);
		const chosen = n8n.getNodeParameter('options', itemIndex, {}) as IDataObject;
		const include = readInclude(n8n, itemIndex, chosen.include);
		const order = readOrder(n8n, itemIndex, chosen.order);
		const query: ItemListParams = { limit: pageSize(limit), ...(order ? { order } : {}), ...(include ? { include } : {}) };
		const items = await take(transport.client.conversations.items.list(conversationId, query), limit, `the items of conversation ${conversationId}`);
		return toItems(items.map((item) => ({ ...item }) as IDataObject));
	},
};
