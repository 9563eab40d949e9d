import type { IDataObject } from 'n8n-workflow';

import { toItems } from '../../../shared/engine/runItems';
import { checkedCall } from '../../../shared/shape';
import type { ItemOperation } from '../types';
import { VIDEO, videoShape } from './answer';
import { readVideoId, videoIdProperty } from './videoId';

export const getVideo: ItemOperation = {
	value: 'get',
	name: 'Get',
	action: 'Get a video',
	description: "Get a video's status, progress, size, length and error",
	properties: [videoIdProperty],
	async execute({ n8n, transport, itemIndex }) {
		const video = await checkedCall(transport.client.videos.retrieve(readVideoId(n8n, itemIndex)), videoShape, VIDEO);
		return toItems({ ...video } as unknown as IDataObject);
	},
};
