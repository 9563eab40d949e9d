import type { IDataObject, INodeProperties } from 'n8n-workflow';
import type { FileCreateParams, FilePurpose } from 'openai/resources/files';

import { toItems } from '../../../shared/engine/runItems';
import { checkedCall } from '../../../shared/shape';
import { inputError } from '../shared/errors';
import { type AcceptedTypes, binaryInputProperty, checkSize, checkType, describeBinary, MB, toUploadable } from '../shared/mediaBinary';
import { VISION_TYPES } from '../shared/mediaImage';
import type { ItemOperation } from '../types';
import { FILE, fileShape } from './answer';

const FILE_PARAMETER = 'Input Data Field Name';
export const MAX_FILE_BYTES = 512 * MB;
export const MAX_BATCH_FILE_BYTES = 200 * MB;

const JSONL: AcceptedTypes = {
	label: 'JSONL files',
	mimeTypes: ['application/jsonl', 'application/x-jsonl', 'application/x-ndjson', 'application/jsonlines'],
	extensions: ['jsonl'],
};

/** What each purpose accepts beyond the 512 MB limit. */
const PURPOSE_RULES: Partial<Record<FilePurpose, { types: AcceptedTypes; maxBytes?: number; limitOf: string }>> = {
	batch: { types: JSONL, maxBytes: MAX_BATCH_FILE_BYTES, limitOf: 'Batch API input files' },
	'fine-tune': { types: JSONL, limitOf: 'fine-tuning files' },
	evals: { types: JSONL, limitOf: 'eval files' },
	vision: { types: VISION_TYPES, limitOf: 'vision files' },
};

const properties: INodeProperties[] = [
	binaryInputProperty({ description: 'The binary property with the file to upload (up to 512 MB)' }),
	{
		displayName: 'Purpose',
		name: 'purpose',
		type: 'options',
		default: 'user_data',
		options: [
			{ name: 'Assistants', value: 'assistants', description: 'Files for assistants and file search' },
			{ name: 'Batch', value: 'batch', description: 'A .jsonl input file for the Batch API (up to 200 MB)' },
			{ name: 'Evals', value: 'evals', description: 'A .jsonl data source for evals' },
			{ name: 'Fine-Tune', value: 'fine-tune', description: 'A .jsonl training or validation file' },
			{ name: 'User Data', value: 'user_data', description: 'Files used as model inputs, e.g. PDFs' },
			{ name: 'Vision', value: 'vision', description: 'Images for vision fine-tuning' },
		],
		description: 'What the file is for; OpenAI checks the format per purpose',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Expires After (Seconds)',
				name: 'expiresAfterSeconds',
				type: 'number',
				typeOptions: { minValue: 3600, maxValue: 2592000 },
				default: 2592000,
				description: 'Delete the file this many seconds after the upload (1 hour to 30 days)',
			},
			{
				displayName: 'File Name',
				name: 'fileName',
				type: 'string',
				default: '',
				placeholder: 'e.g. requests.jsonl',
				description: "The name to store the file under (default: the binary data's file name)",
			},
		],
	},
];

export const uploadFile: ItemOperation = {
	value: 'upload',
	name: 'Upload',
	action: 'Upload a file',
	description: 'Upload a binary file to OpenAI for batches, fine-tuning, assistants, evals or as model input',
	properties,
	async execute({ n8n, transport, itemIndex }) {
		const purpose = n8n.getNodeParameter('purpose', itemIndex) as FilePurpose;
		const options = n8n.getNodeParameter('options', itemIndex, {}) as IDataObject;
		const name = String(n8n.getNodeParameter('binaryPropertyName', itemIndex, 'data') ?? '');
		const input = await describeBinary(n8n, itemIndex, name, FILE_PARAMETER);
		const fileName = typeof options.fileName === 'string' && options.fileName.trim() ? options.fileName.trim() : input.fileName;
		const rule = PURPOSE_RULES[purpose];
		checkSize(n8n, itemIndex, input, MAX_FILE_BYTES, 'files');
		if (rule) {
			checkType(n8n, itemIndex, { ...input, fileName }, rule.types);
			if (rule.maxBytes) checkSize(n8n, itemIndex, input, rule.maxBytes, rule.limitOf);
		}
		if (input.bytes === 0) {
			throw inputError(n8n, itemIndex, `The file in "${FILE_PARAMETER}" ("${fileName}") is empty`, 'Check the node that produced the file.');
		}
		const expires = options.expiresAfterSeconds === undefined ? undefined : Number(options.expiresAfterSeconds);
		const body: FileCreateParams = {
			file: await toUploadable(n8n, itemIndex, input, fileName),
			purpose,
			...(expires ? { expires_after: { anchor: 'created_at', seconds: expires } } : {}),
		};
		const file = await checkedCall(transport.client.files.create(body), fileShape, FILE);
		return toItems({ ...file });
	},
};
