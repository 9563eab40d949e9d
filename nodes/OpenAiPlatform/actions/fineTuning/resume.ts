import type { IDataObject } from 'n8n-workflow';

import { toItems } from '../../../shared/engine/runItems';
import { checkedCall } from '../../../shared/shape';
import type { ItemOperation } from '../types';
import { JOB, jobShape } from './answer';
import { jobIdProperty, readJobId } from './jobId';

export const resumeFineTuningJob: ItemOperation = {
	value: 'resume',
	name: 'Resume',
	action: 'Resume a fine-tuning job',
	description: "Resume a paused fine-tuning job",
	properties: [jobIdProperty],
	async execute({ n8n, transport, itemIndex }) {
		const job = await checkedCall(transport.client.fineTuning.jobs.resume(readJobId(n8n, itemIndex)), jobShape, JOB);
		return toItems({ ...job } as unknown as IDataObject);
	},
};
