import type { IDataObject } from 'n8n-workflow';

import { toItems } from '../../../shared/engine/runItems';
import { checkedCall } from '../../../shared/shape';
import type { Operation } from '../types';
import { RESPONSE_DELETION, responseDeletionShape } from './answer';
import { readResponseId, responseIdProperty } from './responseId';

export const deleteResponse: Operation = {
	value: 'delete',
	name: 'Delete',
	action: 'Delete a response',
	description: 'Delete a stored response by its ID',
	properties: [responseIdProperty('The ID of the stored response to delete')],
	async execute({ n8n, transport, itemIndex }) {
		const id = readResponseId(n8n, itemIndex);
		// The SDK types the answer as void and OpenAI's spec promises no body; OpenAI sends { id, object, deleted }.
		const answer = (await checkedCall(transport.client.responses.delete(id), responseDeletionShape, RESPONSE_DELETION)) as unknown;
		const body = answer && typeof answer === 'object' ? (answer as IDataObject) : {};
		return toItems({ id, object: 'response', deleted: true, ...body });
	},
};
