import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { readId } from '../shared/ids';

export const jobIdProperty: INodeProperties = {
	displayName: 'Job ID',
	name: 'jobId',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'e.g. ftjob-abc123',
	description: 'The ID of the fine-tuning job, as Create or Get Many return it',
};

export const readJobId = (n8n: IExecuteFunctions, itemIndex: number): string =>
	readId(n8n, itemIndex, 'jobId', 'Job ID', 'Enter the ID of a fine-tuning job (ftjob-…), e.g. {{ $json.id }} after Fine-Tuning → Create.');
