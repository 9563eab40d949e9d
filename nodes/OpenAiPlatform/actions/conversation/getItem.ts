import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { toItems } from '../../../shared/engine/runItems';
import { checkedCall } from '../../../shared/shape';
import { includeProperty, readInclude } from '../response/include';
import type { Operation } from '../types';
import { CONVERSATION_ITEM, conversationItemShape } from './answer';
import { conversationIdProperty, itemIdProperty, readConversationId, readItemId } from './ids';

const options: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [includeProperty('Extra data to return with the item, e.g. the URLs of input images')],
};

export const getConversationItem: Operation = {
	value: 'getItem',
	name: 'Get Item',
	action: 'Get an item of a conversation',
	description: 'Get one item (message, tool call, …) of a conversation by its ID',
	properties: [conversationIdProperty('The conversation the item belongs to'), itemIdProperty, options],
	async execute({ n8n, transport, itemIndex }) {
		const conversationId = readConversationId(n8n, itemIndex);
		const itemId = readItemId(n8n, itemIndex);
		const include = readInclude(n8n, itemIndex, (n8n.getNodeParameter('options', itemIndex, {}) as IDataObject).include);
		const item = await checkedCall(
			transport.client.conversations.items.retrieve(itemId, { conversation_id: conversationId, ...(include ? { include } : {}) }),
			conversationItemShape,
			CONVERSATION_ITEM,
		);
		return toItems(item as unknown as IDataObject);
	},
};
