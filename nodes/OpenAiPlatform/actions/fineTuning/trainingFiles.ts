import type { INodeProperties } from 'n8n-workflow';

import { uploadBinaryFile } from '../file/uploadBinary';
import { inputError } from '../shared/errors';
import { binaryInputProperty } from '../shared/mediaBinary';
import type { OperationContext } from '../types';
import { readId } from '../shared/ids';

/**
 * Where Create's training (and optional validation) data comes from: a file uploaded before
 * (purpose fine-tune), or the item's binary .jsonl file, uploaded in the same step.
 */
const JSONL = { extension: /\.jsonl$/i, what: 'a .jsonl file' };

export const trainingFileProperties: INodeProperties[] = [
	{
		displayName: 'Training Data',
		name: 'trainingSource',
		type: 'options',
		options: [
			{ name: 'File ID', value: 'fileId', description: 'A .jsonl file uploaded before (File → Upload with purpose Fine-Tune)' },
			{ name: 'Binary File', value: 'binary', description: "Upload the item's binary .jsonl file (purpose Fine-Tune) in the same step" },
		],
		default: 'fileId',
		description: 'Where the training examples come from',
	},
	{
		displayName: 'Training File ID',
		name: 'trainingFileId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. file-abc123',
		description: 'The uploaded .jsonl training file',
		displayOptions: { show: { trainingSource: ['fileId'] } },
	},
	binaryInputProperty({
		displayName: 'Training Input Data Field Name',
		name: 'trainingBinaryPropertyName',
		description: 'The binary property with the .jsonl training file',
		displayOptions: { show: { trainingSource: ['binary'] } },
	}),
];

export const validationFileOptions: INodeProperties[] = [
	{
		displayName: 'Validation File ID',
		name: 'validationFileId',
		type: 'string',
		default: '',
		placeholder: 'e.g. file-def456',
		description: 'An uploaded .jsonl file of validation examples (not trained on; its loss is reported)',
	},
	{
		displayName: 'Validation Input Data Field Name',
		name: 'validationBinaryPropertyName',
		type: 'string',
		default: '',
		placeholder: 'e.g. validation',
		description: "The binary property of the item with a .jsonl validation file to upload in the same step (instead of Validation File ID)",
	},
];

export async function readTrainingFile(ctx: OperationContext): Promise<string> {
	const { n8n, itemIndex } = ctx;
	const source = n8n.getNodeParameter('trainingSource', itemIndex, 'fileId') as unknown;
	if (source === 'fileId') {
		return readId(n8n, itemIndex, 'trainingFileId', 'Training File ID', 'Enter the ID of an uploaded .jsonl file (file-…), e.g. {{ $json.id }} after File → Upload with purpose Fine-Tune.');
	}
	if (source !== 'binary') throw inputError(n8n, itemIndex, `The "Training Data" parameter must be File ID or Binary File, not ${JSON.stringify(source)}`, 'Pick a source from the list.');
	const property = String(n8n.getNodeParameter('trainingBinaryPropertyName', itemIndex, 'data') ?? '');
	return await uploadBinaryFile(ctx, property, 'fine-tune', 'Training Input Data Field Name', JSONL);
}

export async function readValidationFile(ctx: OperationContext, options: { validationFileId?: unknown; validationBinaryPropertyName?: unknown }): Promise<string | undefined> {
	const { n8n, itemIndex } = ctx;
	const id = typeof options.validationFileId === 'string' ? options.validationFileId.trim() : options.validationFileId;
	const property = typeof options.validationBinaryPropertyName === 'string' ? options.validationBinaryPropertyName.trim() : options.validationBinaryPropertyName;
	if (id && property) {
		throw inputError(n8n, itemIndex, 'Both "Validation File ID" and "Validation Input Data Field Name" are set', 'Use one of them: an uploaded file ID, or the binary property to upload.');
	}
	if (property) {
		if (typeof property !== 'string') throw inputError(n8n, itemIndex, 'The "Validation Input Data Field Name" option must be the name of a binary property', 'Enter e.g. validation.');
		return await uploadBinaryFile(ctx, property, 'fine-tune', 'Validation Input Data Field Name', JSONL);
	}
	if (id === undefined || id === null || id === '') return undefined;
	if (typeof id !== 'string' || /[\s/?#]/.test(id)) {
		throw inputError(n8n, itemIndex, `The "Validation File ID" option ${JSON.stringify(id).slice(0, 60)} is not a file ID`, 'Enter the ID of an uploaded .jsonl file (file-…).');
	}
	return id;
}
