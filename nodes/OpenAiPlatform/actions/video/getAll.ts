import type { IDataObject } from 'n8n-workflow';
import type { VideoListParams } from 'openai/resources/videos';

import { toItems } from '../../../shared/engine/runItems';
import { listProperties, pageSize, readLimit, take } from '../../../shared/list';
import type { ItemOperation } from '../types';

export const getAllVideos: ItemOperation = {
	value: 'getAll',
	name: 'Get Many',
	action: 'Get many videos',
	description: "List the project's videos, newest first, following the API pages",
	properties: [
		...listProperties(),
		{
			displayName: 'Filters',
			name: 'filters',
			type: 'collection',
			placeholder: 'Add Filter',
			default: {},
			options: [
				{
					displayName: 'Order',
					name: 'order',
					type: 'options',
					default: 'desc',
					options: [
						{ name: 'Newest First', value: 'desc' },
						{ name: 'Oldest First', value: 'asc' },
					],
					description: 'Sort order by creation time',
				},
			],
		},
	],
	async execute({ n8n, transport, itemIndex }) {
		const limit = readLimit(n8n, itemIndex);
		const filters = n8n.getNodeParameter('filters', itemIndex, {}) as { order?: 'asc' | 'desc' };
		const query: VideoListParams = { limit: pageSize(limit), ...(filters.order ? { order: filters.order } : {}) };
		const videos = await take(transport.client.videos.list(query), limit, 'GET /videos');
		return toItems(videos.map((video) => ({ ...video }) as unknown as IDataObject));
	},
};
