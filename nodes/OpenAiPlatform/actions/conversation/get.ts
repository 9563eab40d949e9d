import type { IDataObject } from 'n8n-workflow';

import { toItems } from '../../../shared/engine/runItems';
import { checkedCall } from '../../../shared/shape';
import type { Operation } from '../types';
import { CONVERSATION, conversationShape } from './answer';
import { conversationIdProperty, readConversationId } from './ids';

export const getConversation: Operation = {
	value: 'get',
	name: 'Get',
	action: 'Get a conversation',
	description: "Get a conversation's ID, creation time and metadata (its items: Get Many Items)",
	properties: [conversationIdProperty('The ID of the conversation')],
	async execute({ n8n, transport, itemIndex }) {
		const conversation = await checkedCall(transport.client.conversations.retrieve(readConversationId(n8n, itemIndex)), conversationShape, CONVERSATION);
		return toItems(conversation as unknown as IDataObject);
	},
};
