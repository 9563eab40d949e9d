import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { inputError } from '../shared/errors';

export const batchIdProperty: INodeProperties = {
	displayName: 'Batch ID',
	name: 'batchId',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'e.g. batch_abc123',
	description: 'The ID of the batch, as Create From Items or Get Many return it',
};

/** The "Batch ID" parameter, trimmed: not empty, and not a file ID pasted by mistake. */
export function readBatchId(n8n: IExecuteFunctions, itemIndex: number): string {
	const value = n8n.getNodeParameter('batchId', itemIndex, '') as unknown;
	const id = typeof value === 'string' ? value.trim() : '';
	if (!id) throw inputError(n8n, itemIndex, 'The "Batch ID" parameter is empty', 'Enter the ID of the batch (batch_…), e.g. {{ $json.id }} after Create From Items.');
	if (id.startsWith('file-')) {
		throw inputError(n8n, itemIndex, `The "Batch ID" parameter holds a file ID ("${id}"), not a batch ID`, "Use the batch's own ID (batch_…); its input, output and error files have file IDs.");
	}
	return id;
}
