import type { IDataObject } from 'n8n-workflow';

import { toItems } from '../../../shared/engine/runItems';
import { checkedCall } from '../../../shared/shape';
import { metadataProperty, readMetadataEntries } from '../shared/metadata';
import type { Operation } from '../types';
import { STORED_COMPLETION, storedCompletionShape } from './answer';
import { completionIdProperty, readCompletionId } from './completionId';

export const updateStoredCompletion: Operation = {
	value: 'update',
	name: 'Update',
	action: 'Update a stored completion',
	description: "Replace a stored chat completion's metadata (the only part that can change)",
	properties: [
		completionIdProperty('The ID of the stored completion to update'),
		metadataProperty('The new metadata: it replaces all of the current metadata (no entries: the metadata is cleared)'),
	],
	async execute({ n8n, transport, itemIndex }) {
		const id = readCompletionId(n8n, itemIndex);
		const metadata = readMetadataEntries(n8n, itemIndex, n8n.getNodeParameter('metadata', itemIndex, {}), 'parameter') ?? {};
		const completion = await checkedCall(transport.client.chat.completions.update(id, { metadata }), storedCompletionShape, STORED_COMPLETION);
		return toItems(completion as unknown as IDataObject);
	},
};
