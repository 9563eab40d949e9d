import type { IDataObject } from 'n8n-workflow';

import { toItems } from '../../../shared/engine/runItems';
import { listProperties, pageSize, readLimit, take } from '../../../shared/list';
import type { ItemOperation } from '../types';
import { eventShape } from './answer';
import { jobIdProperty, readJobId } from './jobId';

export const getFineTuningJobEvents: ItemOperation = {
	value: 'getEvents',
	name: 'Get Events',
	action: 'Get the events of a fine-tuning job',
	description: "List a job's events (status changes, training loss per step, errors), newest first",
	properties: [jobIdProperty, ...listProperties()],
	async execute({ n8n, transport, itemIndex }) {
		const jobId = readJobId(n8n, itemIndex);
		const limit = readLimit(n8n, itemIndex);
		const events = await take(transport.client.fineTuning.jobs.listEvents(jobId, { limit: pageSize(limit) }), limit, `the events of fine-tuning job ${jobId}`, { entry: eventShape });
		return toItems(events.map((event) => ({ ...event }) as unknown as IDataObject));
	},
};
