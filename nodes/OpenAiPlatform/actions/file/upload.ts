import type { IDataObject, INodeProperties } from 'n8n-workflow';
import type { FileCreateParams, FilePurpose } from 'openai/resources/files';

import { toItems } from '../../../shared/engine/runItems';
import { checkedCall } from '../../../shared/shape';
import { inputError } from '../shared/errors';
import { type AcceptedTypes, binaryInputProperty, checkSize, checkType, describeBinary, MB, toUploadable } from '../shared/mediaBinary';
import { numberInRange, oneOf } from '../shared/values';
import { VISION_TYPES } from '../shared/mediaImage';
import type { ItemOperation } from '../types';
import { FILE, fileShape } from './answer';
import { MAX_PART_MB, MAX_UPLOAD_BYTES, uploadInParts, UPLOADS_PURPOSES } from './partUpload';

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
	binaryInputProperty({ description: 'The binary property with the file to upload (up to 512 MB; up to 8 GB in parts for Assistants, Batch, Fine-Tune and Vision)' }),
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
			{
				displayName: 'Parallel Parts',
				name: 'parallelParts',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 8 },
				default: 3,
				description: 'When uploading in parts: how many parts are sent at once (each is held in memory while it is sent)',
			},
			{
				displayName: 'Part Size (MB)',
				name: 'partSizeMb',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 64 },
				default: 64,
				description: 'When uploading in parts: the size of each part (OpenAI accepts up to 64 MB)',
			},
			{
				displayName: 'Upload In Parts',
				name: 'uploadInParts',
				type: 'options',
				options: [
					{ name: 'Auto (Above 512 MB)', value: 'auto', description: 'One request up to 512 MB, the Uploads API in parts above' },
					{ name: 'Always', value: 'always', description: 'The Uploads API in parts for any size (Assistants, Batch, Fine-Tune, Vision)' },
				],
				default: 'auto',
				description: 'When the file goes to OpenAI in parts (the Uploads API) instead of one request',
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
		const mode = oneOf(n8n, itemIndex, options.uploadInParts, 'Upload In Parts', ['auto', 'always']) ?? 'auto';
		const partable = UPLOADS_PURPOSES.includes(purpose);
		const inParts = mode === 'always' || input.bytes > MAX_FILE_BYTES;
		if (!partable) checkSize(n8n, itemIndex, input, MAX_FILE_BYTES, 'files');
		if (inParts && !partable) {
			throw inputError(n8n, itemIndex, `The "Upload In Parts" option (Always) does not work with purpose ${purpose}`, 'OpenAI takes uploads in parts for the purposes Assistants, Batch, Fine-Tune and Vision; set Upload In Parts to Auto.');
		}
		checkSize(n8n, itemIndex, input, inParts ? MAX_UPLOAD_BYTES : MAX_FILE_BYTES, inParts ? 'uploads in parts' : 'files');
		if (rule) {
			checkType(n8n, itemIndex, { ...input, fileName }, rule.types);
			if (rule.maxBytes) checkSize(n8n, itemIndex, input, rule.maxBytes, rule.limitOf);
		}
		if (input.bytes === 0) {
			throw inputError(n8n, itemIndex, `The file in "${FILE_PARAMETER}" ("${fileName}") is empty`, 'Check the node that produced the file.');
		}
		const expires = options.expiresAfterSeconds === undefined ? undefined : Number(options.expiresAfterSeconds);
		if (inParts) {
			const partSizeMb = numberInRange(n8n, itemIndex, options.partSizeMb, 'Part Size (MB)', { min: 1, max: MAX_PART_MB, integer: true }) ?? MAX_PART_MB;
			const parallel = numberInRange(n8n, itemIndex, options.parallelParts, 'Parallel Parts', { min: 1, max: 8, integer: true }) ?? 3;
			const file = await uploadInParts(n8n, transport, itemIndex, input, { fileName, purpose, expiresAfterSeconds: expires }, { partBytes: partSizeMb * MB, parallel });
			return toItems({ ...file } as IDataObject);
		}
		const body: FileCreateParams = {
			file: await toUploadable(n8n, itemIndex, input, fileName),
			purpose,
			...(expires ? { expires_after: { anchor: 'created_at', seconds: expires } } : {}),
		};
		const file = await checkedCall(transport.client.files.create(body), fileShape, FILE);
		return toItems({ ...file });
	},
};
