import { modelLocator } from '../../../shared/descriptions';
import { toItems } from '../../../shared/engine/runItems';
import { checkedCall } from '../../../shared/shape';
import type { Operation } from '../types';
import { MODEL, modelShape } from './answer';
import { readModelId } from './modelId';

export const getModel: Operation = {
	value: 'get',
	name: 'Get',
	action: 'Get a model',
	description: 'Get one model: its owner and creation time',
	properties: [modelLocator()],
	async execute({ n8n, transport, itemIndex }) {
		const id = readModelId(n8n, itemIndex);
		const model = await checkedCall(transport.client.models.retrieve(id), modelShape, MODEL);
		return toItems({ ...model });
	},
};
