import type { IDataObject, INodeProperties } from 'n8n-workflow';
import type { MessageListParams } from 'openai/resources/chat/completions/messages';

import { toItems } from '../../../shared/engine/runItems';
import { listProperties, pageSize, readLimit, take } from '../../../shared/list';
import { orderProperty, readOrder } from '../shared/order';
import type { Operation } from '../types';
import { completionIdProperty, readCompletionId } from './completionId';

const options: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [orderProperty('asc')],
};

export const getStoredCompletionMessages: Operation = {
	value: 'getMessages',
	name: 'Get Messages',
	action: 'Get the messages of a stored completion',
	description: 'List the messages a stored chat completion was asked with, in order, one output item each',
	properties: [completionIdProperty('The ID of the stored completion'), ...listProperties(), options],
	async execute({ n8n, transport, itemIndex }) {
		const id = readCompletionId(n8n, itemIndex);
		const limit = readLimit(n8n, itemIndex);
		const order = readOrder(n8n, itemIndex, (n8n.getNodeParameter('options', itemIndex, {}) as IDataObject).order);
		const query: MessageListParams = { limit: pageSize(limit), ...(order ? { order } : {}) };
		const messages = await take(transport.client.chat.completions.messages.list(id, query), limit, `the messages of chat completion ${id}`);
		return toItems(messages.map((message) => ({ ...message }) as IDataObject));
	},
};
