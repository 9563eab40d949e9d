import type { IDataObject } from 'n8n-workflow';

import { checkedCall } from '../../../shared/shape';
import type { ItemOperation } from '../types';
import { VIDEO, videoShape } from './answer';
import { assertCompleted, downloadVideoFiles, readDownloadPlan, variantsProperty, videoOutputOption } from './videoContent';
import { readVideoId, videoIdProperty } from './videoId';

export const downloadVideo: ItemOperation = {
	value: 'download',
	name: 'Download',
	action: 'Download a video',
	description: "Download a completed video's MP4, thumbnail or spritesheet as binary data",
	properties: [
		videoIdProperty,
		variantsProperty('The files to download into the output item'),
		{ displayName: 'Options', name: 'options', type: 'collection', placeholder: 'Add Option', default: {}, options: [videoOutputOption] },
	],
	async execute({ n8n, transport, itemIndex }) {
		const id = readVideoId(n8n, itemIndex);
		const options = n8n.getNodeParameter('options', itemIndex, {}) as IDataObject;
		const plan = readDownloadPlan(n8n, itemIndex, n8n.getNodeParameter('download', itemIndex, ['video']), options.binaryPropertyOutput);
		const video = await checkedCall(transport.client.videos.retrieve(id), videoShape, VIDEO);
		assertCompleted(n8n, itemIndex, video);
		return [await downloadVideoFiles(n8n, transport, video, plan)];
	},
};
