import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { readId } from '../shared/ids';

export function conversationIdProperty(description: string): INodeProperties {
	return {
		displayName: 'Conversation ID',
		name: 'conversationId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. conv_689667905b048191b4740501625afd94',
		description,
	};
}

export const itemIdProperty: INodeProperties = {
	displayName: 'Item ID',
	name: 'itemId',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'e.g. msg_abc123',
	description: 'The ID of the item in the conversation, as Add Items or Get Many Items return it',
};

export function readConversationId(n8n: IExecuteFunctions, itemIndex: number): string {
	return readId(n8n, itemIndex, 'conversationId', 'Conversation ID', 'Enter the ID of a conversation (conv_…), e.g. {{ $json.id }} after Conversation → Create.');
}

export function readItemId(n8n: IExecuteFunctions, itemIndex: number): string {
	return readId(n8n, itemIndex, 'itemId', 'Item ID', 'Enter the ID of an item of the conversation (e.g. msg_…), as Get Many Items lists them.');
}

