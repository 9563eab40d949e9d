import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { inputError } from '../shared/errors';
import { readId } from '../shared/ids';

export const vectorStoreIdProperty: INodeProperties = {
	displayName: 'Vector Store ID',
	name: 'vectorStoreId',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'e.g. vs_abc123',
	description: 'The ID of the vector store, as Create or Get Many return it',
};

export const storeFileIdProperty: INodeProperties = {
	displayName: 'File ID',
	name: 'fileId',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'e.g. file-abc123',
	description: 'The ID of a file in the vector store (the same ID as the uploaded file)',
};

export const fileBatchIdProperty: INodeProperties = {
	displayName: 'File Batch ID',
	name: 'fileBatchId',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'e.g. vsfb_abc123',
	description: 'The ID of the file batch, as Create File Batch returns it',
};

export const readVectorStoreId = (n8n: IExecuteFunctions, itemIndex: number): string =>
	readId(n8n, itemIndex, 'vectorStoreId', 'Vector Store ID', 'Enter the ID of a vector store (vs_…), e.g. {{ $json.id }} after Vector Store → Create.');

export const readStoreFileId = (n8n: IExecuteFunctions, itemIndex: number): string =>
	readId(n8n, itemIndex, 'fileId', 'File ID', 'Enter the ID of a file (file-…), as Add File or Get Many Files return it.');

export const readFileBatchId = (n8n: IExecuteFunctions, itemIndex: number): string =>
	readId(n8n, itemIndex, 'fileBatchId', 'File Batch ID', 'Enter the ID of a file batch (vsfb_…), as Create File Batch returns it.');

/**
 * A list of file IDs: a comma- or newline-separated text, or a list from an expression. Each entry
 * is checked like an ID; none is an empty list.
 */
export function readIdList(n8n: IExecuteFunctions, itemIndex: number, value: unknown, displayName: string, max: number): string[] {
	const fix = `Enter file IDs (file-…) separated by commas, or map a list, e.g. {{ $json.fileIds }}, in "${displayName}".`;
	let entries: unknown[];
	if (value === undefined || value === null || value === '') entries = [];
	else if (Array.isArray(value)) entries = value;
	else if (typeof value === 'string') entries = value.split(/[,\n]/);
	else throw inputError(n8n, itemIndex, `The "${displayName}" parameter must be a list of file IDs, not ${typeof value === 'object' ? 'an object' : JSON.stringify(value)}`, fix);
	const ids: string[] = [];
	for (const entry of entries) {
		if (typeof entry !== 'string') throw inputError(n8n, itemIndex, `The "${displayName}" parameter has an entry that is not a file ID: ${JSON.stringify(entry)?.slice(0, 60)}`, fix);
		const id = entry.trim();
		if (id === '') continue;
		if (/[\s/?#]/.test(id)) throw inputError(n8n, itemIndex, `The "${displayName}" parameter has "${id.slice(0, 60)}", which is not a file ID`, fix);
		ids.push(id);
	}
	if (ids.length > max) throw inputError(n8n, itemIndex, `The "${displayName}" parameter has ${ids.length} file IDs; OpenAI accepts at most ${max}`, `Split the files over several requests of up to ${max}.`);
	return ids;
}
