import type { IDataObject, INodeProperties } from 'n8n-workflow';
import type { FileCreateParams, VectorStoreFile } from 'openai/resources/vector-stores/files';

import { toItems } from '../../../shared/engine/runItems';
import { checkedCall } from '../../../shared/shape';
import { uploadBinaryFile } from '../file/uploadBinary';
import { inputError } from '../shared/errors';
import { binaryInputProperty } from '../shared/mediaBinary';
import type { ItemOperation } from '../types';
import { VECTOR_STORE_FILE, vectorStoreFileShape } from './answer';
import { readId } from '../shared/ids';
import { readVectorStoreId, vectorStoreIdProperty } from './ids';
import { attributesProperty, chunkingOptions, readAttributes, readChunking } from './storeOptions';
import { readWait, waitOptions, waitUntilProcessed } from './waitProcessed';

const properties: INodeProperties[] = [
	vectorStoreIdProperty,
	{
		displayName: 'Source',
		name: 'source',
		type: 'options',
		options: [
			{ name: 'File ID', value: 'fileId', description: 'A file already uploaded (File → Upload with purpose Assistants)' },
			{ name: 'Binary File', value: 'binary', description: "Upload the item's binary file (purpose Assistants) and add it in one step" },
		],
		default: 'fileId',
		description: 'Where the file comes from',
	},
	{
		displayName: 'File ID',
		name: 'fileId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. file-abc123',
		description: 'The ID of the uploaded file to add',
		displayOptions: { show: { source: ['fileId'] } },
	},
	binaryInputProperty({ description: 'The binary property with the file to upload and add (up to 512 MB)', displayOptions: { show: { source: ['binary'] } } }),
	attributesProperty('Up to 16 key/value pairs stored with the file, to filter searches by'),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [...chunkingOptions, ...waitOptions],
	},
];

export const addVectorStoreFile: ItemOperation = {
	value: 'addFile',
	name: 'Add File',
	action: 'Add a file to a vector store',
	description: 'Add an uploaded file (or upload a binary file) to a vector store; it is chunked and embedded for search',
	properties,
	async execute(ctx) {
		const { n8n, transport, itemIndex } = ctx;
		const vectorStoreId = readVectorStoreId(n8n, itemIndex);
		const source = n8n.getNodeParameter('source', itemIndex, 'fileId') as string;
		if (source !== 'fileId' && source !== 'binary') throw inputError(n8n, itemIndex, `The "Source" parameter must be File ID or Binary File, not ${JSON.stringify(source)}`, 'Pick a source from the list.');
		const attributes = readAttributes(n8n, itemIndex, n8n.getNodeParameter('attributes', itemIndex, {}));
		const options = n8n.getNodeParameter('options', itemIndex, {}) as IDataObject;
		const chunking = readChunking(n8n, itemIndex, options);
		const wait = readWait(n8n, itemIndex, options);
		const fileId =
			source === 'fileId'
				? readId(n8n, itemIndex, 'fileId', 'File ID', 'Enter the ID of an uploaded file (file-…), e.g. {{ $json.id }} after File → Upload.')
				: await uploadBinaryFile(ctx, String(n8n.getNodeParameter('binaryPropertyName', itemIndex, 'data') ?? ''), 'assistants', 'Input Data Field Name');
		const body: FileCreateParams = { file_id: fileId, ...(attributes ? { attributes } : {}), ...(chunking ? { chunking_strategy: chunking } : {}) };
		let file = await checkedCall(transport.client.vectorStores.files.create(vectorStoreId, body), vectorStoreFileShape, VECTOR_STORE_FILE);
		if (wait) {
			file = await waitUntilProcessed(n8n, transport, itemIndex, file, wait, { shape: vectorStoreFileShape, what: VECTOR_STORE_FILE, label: 'File' }, async () =>
				await transport.client.vectorStores.files.retrieve(file.id, { vector_store_id: vectorStoreId }).withResponse(),
			);
			if (file.status === 'failed') throw processingFailed(ctx, file, vectorStoreId);
		}
		return toItems({ ...file } as IDataObject);
	},
};

/** A file the store could not process: OpenAI's reason, and what to do. */
function processingFailed({ n8n, itemIndex }: Parameters<ItemOperation['execute']>[0], file: VectorStoreFile, vectorStoreId: string) {
	const reason = file.last_error?.message ? `: ${String(file.last_error.message).slice(0, 300)}` : '';
	return inputError(
		n8n,
		itemIndex,
		`File ${file.id} could not be processed in vector store ${vectorStoreId}${reason}`,
		'Check that the file type is supported for file search (e.g. PDF, DOCX, TXT, MD, HTML, JSON) and that it has text.',
	);
}
