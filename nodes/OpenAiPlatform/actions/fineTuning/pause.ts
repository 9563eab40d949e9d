import type { IDataObject } from 'n8n-workflow';

import { toItems } from '../../../shared/engine/runItems';
import { checkedCall } from '../../../shared/shape';
import type { ItemOperation } from '../types';
import { JOB, jobShape } from './answer';
import { jobIdProperty, readJobId } from './jobId';

export const pauseFineTuningJob: ItemOperation = {
	value: 'pause',
	name: 'Pause',
	action: 'Pause a fine-tuning job',
	description: "Pause a running fine-tuning job (resume it later)",
	properties: [jobIdProperty],
	async execute({ n8n, transport, itemIndex }) {
		const job = await checkedCall(transport.client.fineTuning.jobs.pause(readJobId(n8n, itemIndex)), jobShape, JOB);
		return toItems({ ...job } as unknown as IDataObject);
	},
};
