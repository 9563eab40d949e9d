import { toItems } from '../../../shared/engine/runItems';
import { checkedCall } from '../../../shared/shape';
import type { ItemOperation } from '../types';
import { VIDEO_DELETION, videoDeletionShape } from './answer';
import { readVideoId, videoIdProperty } from './videoId';

export const deleteVideo: ItemOperation = {
	value: 'delete',
	name: 'Delete',
	action: 'Delete a video',
	description: 'Delete a completed or failed video and its files for good',
	properties: [videoIdProperty],
	async execute({ n8n, transport, itemIndex }) {
		const result = await checkedCall(transport.client.videos.delete(readVideoId(n8n, itemIndex)), videoDeletionShape, VIDEO_DELETION);
		return toItems({ ...result });
	},
};
