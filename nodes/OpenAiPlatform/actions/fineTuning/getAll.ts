import type { IDataObject } from 'n8n-workflow';
import type { JobListParams } from 'openai/resources/fine-tuning/jobs/jobs';

import { toItems } from '../../../shared/engine/runItems';
import { listProperties, pageSize, readLimit, take } from '../../../shared/list';
import { metadataProperty, readMetadataEntries } from '../shared/metadata';
import type { ItemOperation } from '../types';
import { jobShape } from './answer';

export const getAllFineTuningJobs: ItemOperation = {
	value: 'getAll',
	name: 'Get Many',
	action: 'Get many fine-tuning jobs',
	description: 'List fine-tuning jobs, newest first, following the API pages',
	properties: [
		...listProperties(),
		{
			displayName: 'Filters',
			name: 'filters',
			type: 'collection',
			placeholder: 'Add Filter',
			default: {},
			options: [metadataProperty('Only jobs with all of these metadata entries')],
		},
	],
	async execute({ n8n, transport, itemIndex }) {
		const limit = readLimit(n8n, itemIndex);
		const filters = n8n.getNodeParameter('filters', itemIndex, {}) as IDataObject;
		const metadata = readMetadataEntries(n8n, itemIndex, filters.metadata);
		const query: JobListParams = { limit: pageSize(limit), ...(metadata ? { metadata } : {}) };
		const jobs = await take(transport.client.fineTuning.jobs.list(query), limit, 'GET /fine_tuning/jobs', { entry: jobShape });
		return toItems(jobs.map((job) => ({ ...job }) as unknown as IDataObject));
	},
};
