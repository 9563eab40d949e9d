import type { IDataObject } from 'n8n-workflow';

import { toItems } from '../../../shared/engine/runItems';
import { checkedCall } from '../../../shared/shape';
import type { Operation } from '../types';
import { STORED_COMPLETION, storedCompletionShape } from './answer';
import { completionIdProperty, readCompletionId } from './completionId';

export const getStoredCompletion: Operation = {
	value: 'get',
	name: 'Get',
	action: 'Get a stored completion',
	description: 'Get a chat completion that was stored (Message a Model with Store on): its answer, usage and metadata',
	properties: [completionIdProperty('The ID of the stored completion')],
	async execute({ n8n, transport, itemIndex }) {
		const completion = await checkedCall(transport.client.chat.completions.retrieve(readCompletionId(n8n, itemIndex)), storedCompletionShape, STORED_COMPLETION);
		return toItems(completion as unknown as IDataObject);
	},
};
