import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { shape } from '../../../shared/shape';
import { ADMIN_CREDENTIAL } from '../../../shared/transport/credentialTypes';
import { inputError } from '../shared/errors';
import { readId } from '../shared/ids';

/**
 * What the checkpoint permission operations share: they need an admin key (the node shows the
 * OpenAI Admin credential for them instead of the platform one), the checkpoint they act on, and
 * the shape of a permission.
 */
export const PERMISSION_CREDENTIAL = ADMIN_CREDENTIAL;
export const PERMISSION_OPERATIONS = ['createCheckpointPermission', 'deleteCheckpointPermission', 'getCheckpointPermissions'];

export const checkpointProperty: INodeProperties = {
	displayName: 'Checkpoint',
	name: 'checkpoint',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'e.g. ft:gpt-4o-mini-2024-07-18:org:weather:B7R9VjQd:ckpt-step-10',
	description:
		"The fine-tuned model checkpoint (its fine_tuned_model_checkpoint from Get Checkpoints) or fine-tuned model (ft:…). Needs an admin key: the credential is your organization's OpenAI Admin credential.",
};

const FIX = 'Enter a fine-tuned model checkpoint (ft:…), e.g. {{ $json.fine_tuned_model_checkpoint }} after Fine-Tuning → Get Checkpoints.';

export function readCheckpoint(n8n: IExecuteFunctions, itemIndex: number): string {
	const checkpoint = readId(n8n, itemIndex, 'checkpoint', 'Checkpoint', FIX);
	if (checkpoint.startsWith('ftckpt_')) {
		throw inputError(n8n, itemIndex, `The "Checkpoint" parameter holds a checkpoint's object ID ("${checkpoint}"), not its model name`, `Use the checkpoint's fine_tuned_model_checkpoint (ft:…), not its id. ${FIX}`);
	}
	if (!checkpoint.startsWith('ft:')) {
		throw inputError(n8n, itemIndex, `The "Checkpoint" parameter "${checkpoint.slice(0, 60)}" is not a fine-tuned model checkpoint (they start with ft:)`, FIX);
	}
	return checkpoint;
}

export const permissionShape = shape.object({ id: shape.nonEmptyString, project_id: shape.string, created_at: shape.number });
export const permissionDeletionShape = shape.object({ id: shape.nonEmptyString, deleted: shape.boolean });
export const PERMISSION_DELETION = 'the deletion of a checkpoint permission';
