import type { Resource } from '../types';
import { cancelFineTuningJob } from './cancel';
import { createCheckpointPermission } from './createCheckpointPermission';
import { createFineTuningJob } from './create';
import { deleteCheckpointPermission } from './deleteCheckpointPermission';
import { getFineTuningJob } from './get';
import { getAllFineTuningJobs } from './getAll';
import { getCheckpointPermissions } from './getCheckpointPermissions';
import { getFineTuningJobCheckpoints } from './getCheckpoints';
import { getFineTuningJobEvents } from './getEvents';
import { pauseFineTuningJob } from './pause';
import { resumeFineTuningJob } from './resume';

export const fineTuningResource: Resource = {
	value: 'fineTuning',
	name: 'Fine-Tuning',
	description: 'Fine-tuning jobs: train a model on your examples (supervised, DPO, reinforcement), follow its events and checkpoints, share checkpoints with projects (admin key)',
	operations: [
		cancelFineTuningJob,
		createFineTuningJob,
		deleteCheckpointPermission,
		getFineTuningJob,
		getCheckpointPermissions,
		getFineTuningJobCheckpoints,
		getFineTuningJobEvents,
		getAllFineTuningJobs,
		pauseFineTuningJob,
		resumeFineTuningJob,
		createCheckpointPermission,
	],
	defaultOperation: createFineTuningJob.value,
};
