import { toItems } from '../../../shared/engine/runItems';
import { checkedCall } from '../../../shared/shape';
import type { ItemOperation } from '../types';
import { readId } from '../shared/ids';
import { checkpointProperty, PERMISSION_CREDENTIAL, PERMISSION_DELETION, permissionDeletionShape, readCheckpoint } from './checkpointPermission';

export const deleteCheckpointPermission: ItemOperation = {
	value: 'deleteCheckpointPermission',
	name: 'Delete Checkpoint Permission',
	action: 'Delete a permission of a fine-tuned checkpoint',
	description: 'Stop sharing a fine-tuned model checkpoint with a project (admin key)',
	credentialType: PERMISSION_CREDENTIAL,
	properties: [
		checkpointProperty,
		{
			displayName: 'Permission ID',
			name: 'permissionId',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. cp_zc4Q7MP6XxulcVzj4MZdwsAB',
			description: 'The permission to delete, as Share Checkpoint With Projects or Get Checkpoint Permissions return it',
		},
	],
	async execute({ n8n, transport, itemIndex }) {
		const checkpoint = readCheckpoint(n8n, itemIndex);
		const permissionId = readId(n8n, itemIndex, 'permissionId', 'Permission ID', 'Enter the ID of a checkpoint permission (cp_…), e.g. {{ $json.id }} after Get Checkpoint Permissions.');
		const result = await checkedCall(
			transport.client.fineTuning.checkpoints.permissions.delete(permissionId, { fine_tuned_model_checkpoint: checkpoint }),
			permissionDeletionShape,
			PERMISSION_DELETION,
		);
		return toItems({ ...result, checkpoint });
	},
};
