import type { IDataObject } from 'n8n-workflow';

import { toItems } from '../../../shared/engine/runItems';
import { checkedCall } from '../../../shared/shape';
import type { Operation } from '../types';
import { CONVERSATION_DELETION, conversationDeletionShape } from './answer';
import { conversationIdProperty, readConversationId } from './ids';

export const deleteConversation: Operation = {
	value: 'delete',
	name: 'Delete',
	action: 'Delete a conversation',
	description: 'Delete a conversation (its items are not kept; responses made in it stay)',
	properties: [conversationIdProperty('The ID of the conversation to delete')],
	async execute({ n8n, transport, itemIndex }) {
		const result = await checkedCall(transport.client.conversations.delete(readConversationId(n8n, itemIndex)), conversationDeletionShape, CONVERSATION_DELETION);
		return toItems(result as unknown as IDataObject);
	},
};
