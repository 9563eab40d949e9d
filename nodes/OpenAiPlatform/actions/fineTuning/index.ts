import type { Resource } from '../types';
import { cancelFineTuningJob } from './cancel';
import { createFineTuningJob } from './create';
import { getFineTuningJob } from './get';
import { getAllFineTuningJobs } from './getAll';
import { getFineTuningJobCheckpoints } from './getCheckpoints';
import { getFineTuningJobEvents } from './getEvents';
import { pauseFineTuningJob } from './pause';
import { resumeFineTuningJob } from './resume';

export const fineTuningResource: Resource = {
	value: 'fineTuning',
	name: 'Fine-Tuning',
	description: 'Fine-tuning jobs: train a model on your examples (supervised, DPO, reinforcement), follow its events and checkpoints',
	operations: [
		cancelFineTuningJob,
		createFineTuningJob,
		getFineTuningJob,
		getFineTuningJobCheckpoints,
		getFineTuningJobEvents,
		getAllFineTuningJobs,
		pauseFineTuningJob,
		resumeFineTuningJob,
	],
	defaultOperation: createFineTuningJob.value,
};
