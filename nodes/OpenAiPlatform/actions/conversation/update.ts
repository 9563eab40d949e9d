import type { IDataObject } from 'n8n-workflow';

import { toItems } from '../../../shared/engine/runItems';
import { checkedCall } from '../../../shared/shape';
import { metadataProperty, readMetadataEntries } from '../shared/metadata';
import type { Operation } from '../types';
import { CONVERSATION, conversationShape } from './answer';
import { conversationIdProperty, readConversationId } from './ids';

export const updateConversation: Operation = {
	value: 'update',
	name: 'Update',
	action: 'Update a conversation',
	description: "Replace a conversation's metadata",
	properties: [
		conversationIdProperty('The ID of the conversation to update'),
		metadataProperty('The new metadata: it replaces all of the current metadata (no entries: the metadata is cleared)'),
	],
	async execute({ n8n, transport, itemIndex }) {
		const id = readConversationId(n8n, itemIndex);
		const metadata = readMetadataEntries(n8n, itemIndex, n8n.getNodeParameter('metadata', itemIndex, {}), 'parameter') ?? {};
		const conversation = await checkedCall(transport.client.conversations.update(id, { metadata }), conversationShape, CONVERSATION);
		return toItems(conversation as unknown as IDataObject);
	},
};
