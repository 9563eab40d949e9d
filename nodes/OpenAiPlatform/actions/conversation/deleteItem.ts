import type { IDataObject } from 'n8n-workflow';

import { toItems } from '../../../shared/engine/runItems';
import { checkedCall } from '../../../shared/shape';
import type { Operation } from '../types';
import { CONVERSATION, conversationShape } from './answer';
import { conversationIdProperty, itemIdProperty, readConversationId, readItemId } from './ids';

export const deleteConversationItem: Operation = {
	value: 'deleteItem',
	name: 'Delete Item',
	action: 'Delete an item of a conversation',
	description: 'Remove one item from a conversation; later responses no longer see it',
	properties: [conversationIdProperty('The conversation the item belongs to'), itemIdProperty],
	async execute({ n8n, transport, itemIndex }) {
		const conversationId = readConversationId(n8n, itemIndex);
		const itemId = readItemId(n8n, itemIndex);
		// OpenAI answers with the conversation the item was removed from
		const conversation = await checkedCall(
			transport.client.conversations.items.delete(itemId, { conversation_id: conversationId }),
			conversationShape,
			CONVERSATION,
		);
		return toItems({ item_id: itemId, deleted: true, conversation: conversation as unknown as IDataObject });
	},
};
