import type { IDataObject } from 'n8n-workflow';

import { toItems } from '../../../shared/engine/runItems';
import { checkedCall } from '../../../shared/shape';
import { metadataProperty, readMetadataEntries } from '../shared/metadata';
import type { Operation } from '../types';
import { addItems } from './addItems';
import { CONVERSATION, conversationShape } from './answer';
import { inChunks, itemsProperties, readConversationItems } from './items';

export const createConversation: Operation = {
	value: 'create',
	name: 'Create',
	action: 'Create a conversation',
	description: 'Start a conversation (optionally with its first messages) that responses can continue by its ID',
	properties: [
		...itemsProperties('initial'),
		metadataProperty('Up to 16 key/value pairs stored with the conversation, e.g. the ticket or customer it belongs to'),
	],
	async execute({ n8n, transport, itemIndex }) {
		const items = await readConversationItems(n8n, itemIndex);
		const metadata = readMetadataEntries(n8n, itemIndex, n8n.getNodeParameter('metadata', itemIndex, {}), 'parameter');
		const [first = [], ...rest] = inChunks(items);
		const conversation = await checkedCall(
			transport.client.conversations.create({ ...(first.length > 0 ? { items: first } : {}), ...(metadata ? { metadata } : {}) }),
			conversationShape,
			CONVERSATION,
		);
		// more than 20 initial items: the rest are added in order
		if (rest.length > 0) await addItems(transport, conversation.id, rest.flat());
		return toItems(conversation as unknown as IDataObject);
	},
};
