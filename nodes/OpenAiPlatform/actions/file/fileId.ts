import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { inputError } from '../shared/errors';

export const fileIdProperty: INodeProperties = {
	displayName: 'File ID',
	name: 'fileId',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'e.g. file-abc123',
	description: 'The ID of the file, as Upload or Get Many return it',
};

/** The "File ID" parameter, trimmed; an empty one is a clear error for the item. */
export function readFileId(n8n: IExecuteFunctions, itemIndex: number): string {
	const value = n8n.getNodeParameter('fileId', itemIndex, '') as unknown;
	const id = typeof value === 'string' ? value.trim() : '';
	if (!id) throw inputError(n8n, itemIndex, 'The "File ID" parameter is empty', 'Enter the ID of the file (file-…), or map it from a previous node.');
	return id;
}
