import type { IDataObject } from 'n8n-workflow';

import { checkedCall } from '../../../shared/shape';
import type { ItemOperation } from '../types';
import { VIDEO, videoShape } from './answer';
import { readVideoId, videoIdProperty } from './videoId';
import { finishJob, jobOptionsProperty, readJobOptions } from './videoJob';
import { promptProperty, readVideoPrompt } from './videoParameters';

export const remixVideo: ItemOperation = {
	value: 'remix',
	name: 'Remix',
	action: 'Remix a video',
	description: 'Make a new video from a completed one with a changed prompt; it keeps the model, size and length',
	properties: [
		{ ...videoIdProperty, description: 'The ID of the completed video to remix' },
		promptProperty('What to change, e.g. "Same scene at night, in the rain"'),
		jobOptionsProperty(),
	],
	async execute(ctx) {
		const { n8n, transport, itemIndex } = ctx;
		const id = readVideoId(n8n, itemIndex);
		const prompt = readVideoPrompt(n8n, itemIndex);
		const job = readJobOptions(n8n, itemIndex, n8n.getNodeParameter('options', itemIndex, {}) as IDataObject);
		const video = await checkedCall(transport.client.videos.remix(id, { prompt }), videoShape, VIDEO);
		return await finishJob(ctx, video, job);
	},
};
