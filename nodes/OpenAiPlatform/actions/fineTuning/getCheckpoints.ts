import type { IDataObject } from 'n8n-workflow';

import { toItems } from '../../../shared/engine/runItems';
import { listProperties, pageSize, readLimit, take } from '../../../shared/list';
import type { ItemOperation } from '../types';
import { checkpointShape } from './answer';
import { jobIdProperty, readJobId } from './jobId';

export const getFineTuningJobCheckpoints: ItemOperation = {
	value: 'getCheckpoints',
	name: 'Get Checkpoints',
	action: 'Get the checkpoints of a fine-tuning job',
	description: "List a job's checkpoints (a usable model per epoch, with its metrics), newest first",
	properties: [jobIdProperty, ...listProperties()],
	async execute({ n8n, transport, itemIndex }) {
		const jobId = readJobId(n8n, itemIndex);
		const limit = readLimit(n8n, itemIndex);
		const checkpoints = await take(transport.client.fineTuning.jobs.checkpoints.list(jobId, { limit: pageSize(limit) }), limit, `the checkpoints of fine-tuning job ${jobId}`, {
			entry: checkpointShape,
		});
		return toItems(checkpoints.map((checkpoint) => ({ ...checkpoint }) as unknown as IDataObject));
	},
};
