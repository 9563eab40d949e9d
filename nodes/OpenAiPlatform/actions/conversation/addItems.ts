import type { IDataObject } from 'n8n-workflow';
import type { ConversationItem } from 'openai/resources/conversations/items';
import type { ResponseInputItem } from 'openai/resources/responses/responses';

import { toItems } from '../../../shared/engine/runItems';
import { checkedCall } from '../../../shared/shape';
import type { OpenAiTransport } from '../../../shared/transport/client';
import type { Operation } from '../types';
import { CONVERSATION_ITEMS, itemListShape } from './answer';
import { conversationIdProperty, readConversationId } from './ids';
import { inChunks, itemsProperties, readConversationItems } from './items';

export const addConversationItems: Operation = {
	value: 'addItems',
	name: 'Add Items',
	action: 'Add items to a conversation',
	description: 'Add one or many messages (or other input items) to the end of a conversation',
	properties: [conversationIdProperty('The conversation to add to'), ...itemsProperties('add')],
	async execute({ n8n, transport, itemIndex }) {
		const conversationId = readConversationId(n8n, itemIndex);
		const items = await readConversationItems(n8n, itemIndex);
		const added = await addItems(transport, conversationId, items);
		return toItems({
			conversation_id: conversationId,
			items: added as unknown as IDataObject[],
			first_id: added[0]?.id ?? null,
			last_id: added[added.length - 1]?.id ?? null,
		});
	},
};

/** Adds items in requests of at most 20, in order; each answer must list every item it added. */
export async function addItems(
	transport: OpenAiTransport,
	conversationId: string,
	items: ResponseInputItem[],
): Promise<ConversationItem[]> {
	const added: ConversationItem[] = [];
	for (const chunk of inChunks(items)) {
		const list = await checkedCall(transport.client.conversations.items.create(conversationId, { items: chunk }), itemListShape(chunk.length), CONVERSATION_ITEMS);
		added.push(...list.data);
	}
	return added;
}
