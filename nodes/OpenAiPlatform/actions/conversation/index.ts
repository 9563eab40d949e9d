import type { Resource } from '../types';
import { addConversationItems } from './addItems';
import { createConversation } from './create';
import { deleteConversation } from './delete';
import { deleteConversationItem } from './deleteItem';
import { getConversation } from './get';
import { getConversationItem } from './getItem';
import { getConversationItems } from './getItems';
import { updateConversation } from './update';

export const conversationResource: Resource = {
	value: 'conversation',
	name: 'Conversation',
	description: 'Conversations API: a thread of messages that responses continue by its ID (the replacement of Assistants threads)',
	operations: [
		addConversationItems,
		createConversation,
		deleteConversation,
		deleteConversationItem,
		getConversation,
		getConversationItem,
		getConversationItems,
		updateConversation,
	],
	defaultOperation: createConversation.value,
};
