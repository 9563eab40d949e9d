import type { IDataObject } from 'n8n-workflow';

import { toItems } from '../../../shared/engine/runItems';
import { checkedCall } from '../../../shared/shape';
import type { ItemOperation } from '../types';
import { JOB, jobShape } from './answer';
import { jobIdProperty, readJobId } from './jobId';

export const getFineTuningJob: ItemOperation = {
	value: 'get',
	name: 'Get',
	action: 'Get a fine-tuning job',
	description: "Get a fine-tuning job's status, fine-tuned model, hyperparameters and error",
	properties: [jobIdProperty],
	async execute({ n8n, transport, itemIndex }) {
		const job = await checkedCall(transport.client.fineTuning.jobs.retrieve(readJobId(n8n, itemIndex)), jobShape, JOB);
		return toItems({ ...job } as unknown as IDataObject);
	},
};
