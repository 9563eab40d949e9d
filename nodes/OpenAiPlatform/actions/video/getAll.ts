import type { IDataObject } from 'n8n-workflow';
import type { VideoListParams } from 'openai/resources/videos';

import { toItems } from '../../../shared/engine/runItems';
import { listProperties, pageSize, readLimit, take } from '../../../shared/list';
import type { ItemOperation } from '../types';
import { orderProperty, readOrder } from '../shared/order';

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
				orderProperty('desc'),
			],
		},
	],
	async execute({ n8n, transport, itemIndex }) {
		const limit = readLimit(n8n, itemIndex);
		const filters = n8n.getNodeParameter('filters', itemIndex, {}) as { order?: unknown };
		const order = readOrder(n8n, itemIndex, filters.order);
		const query: VideoListParams = { limit: pageSize(limit), ...(order ? { order } : {}) };
		const videos = await take(transport.client.videos.list(query), limit, 'GET /videos');
		return toItems(videos.map((video) => ({ ...video }) as unknown as IDataObject));
	},
};
