import { shape } from '../../../shared/shape';

/**
 * What the fine-tuning operations need of the answers: a job with its ID and status (Create, Get,
 * Cancel, Pause, Resume, and every poll while waiting); events and checkpoints as list entries.
 */
export const jobShape = shape.object({
	id: shape.nonEmptyString,
	status: shape.nonEmptyString,
	fine_tuned_model: shape.nullable(shape.string),
	error: shape.nullable(shape.object({ message: shape.optional(shape.string) })),
});
export const JOB = 'a fine-tuning job';

export const eventShape = shape.object({ id: shape.nonEmptyString, message: shape.string });
export const checkpointShape = shape.object({ id: shape.nonEmptyString, fine_tuned_model_checkpoint: shape.string, step_number: shape.number });
