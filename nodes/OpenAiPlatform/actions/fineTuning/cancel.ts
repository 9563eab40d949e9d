import type { IDataObject } from 'n8n-workflow';

import { toItems } from '../../../shared/engine/runItems';
import { checkedCall } from '../../../shared/shape';
import type { ItemOperation } from '../types';
import { JOB, jobShape } from './answer';
import { jobIdProperty, readJobId } from './jobId';

export const cancelFineTuningJob: ItemOperation = {
	value: 'cancel',
	name: 'Cancel',
	action: 'Cancel a fine-tuning job',
	description: "Cancel a fine-tuning job that is validating, queued or running",
	properties: [jobIdProperty],
	async execute({ n8n, transport, itemIndex }) {
		const job = await checkedCall(transport.client.fineTuning.jobs.cancel(readJobId(n8n, itemIndex)), jobShape, JOB);
		return toItems({ ...job } as unknown as IDataObject);
	},
};
