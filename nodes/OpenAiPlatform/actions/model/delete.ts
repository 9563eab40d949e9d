import { NodeOperationError } from 'n8n-workflow';

import { modelLocator } from '../../../shared/descriptions';
import { toItems } from '../../../shared/engine/runItems';
import { checkedCall } from '../../../shared/shape';
import type { Operation } from '../types';
import { MODEL_DELETION, modelDeletionShape } from './answer';
import { readModelId } from './modelId';

export const deleteModel: Operation = {
	value: 'delete',
	name: 'Delete',
	action: 'Delete a fine-tuned model',
	description: 'Delete a fine-tuned model your organization owns',
	properties: [
		modelLocator({
			searchListMethod: 'searchFineTunedModels',
			description: 'The fine-tuned model to delete (IDs start with ft:)',
		}),
	],
	async execute({ n8n, transport, itemIndex }) {
		const id = readModelId(n8n, itemIndex);
		if (!id.startsWith('ft:')) {
			throw new NodeOperationError(
				n8n.getNode(),
				`Model "${id}" is not a fine-tuned model: only fine-tuned models (IDs starting with ft:) can be deleted [item ${itemIndex}]`,
				{ itemIndex, description: 'Check the "Model" parameter.' },
			);
		}
		const result = await checkedCall(transport.client.models.delete(id), modelDeletionShape, MODEL_DELETION);
		return toItems({ ...result });
	},
};
