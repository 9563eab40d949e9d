import type { IDataObject } from 'n8n-workflow';

import { toItems } from '../../../shared/engine/runItems';
import { checkedCall } from '../../../shared/shape';
import type { Operation } from '../types';
import { COMPLETION_DELETION, completionDeletionShape } from './answer';
import { completionIdProperty, readCompletionId } from './completionId';

export const deleteStoredCompletion: Operation = {
	value: 'delete',
	name: 'Delete',
	action: 'Delete a stored completion',
	description: 'Delete a stored chat completion',
	properties: [completionIdProperty('The ID of the stored completion to delete')],
	async execute({ n8n, transport, itemIndex }) {
		const result = await checkedCall(transport.client.chat.completions.delete(readCompletionId(n8n, itemIndex)), completionDeletionShape, COMPLETION_DELETION);
		return toItems(result as unknown as IDataObject);
	},
};
