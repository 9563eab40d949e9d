import type { IDataObject, INodeProperties } from 'n8n-workflow';
import type { JobCreateParams } from 'openai/resources/fine-tuning/jobs/jobs';

import { modelLocator } from '../../../shared/descriptions';
import { toItems } from '../../../shared/engine/runItems';
import { checkedCall } from '../../../shared/shape';
import { readModelId } from '../model/modelId';
import { inputError } from '../shared/errors';
import { metadataProperty, readMetadataEntries } from '../shared/metadata';
import { numberInRange } from '../shared/values';
import type { ItemOperation } from '../types';
import { JOB, jobShape } from './answer';
import { hyperparameterOptions, methodProperties, readMethod } from './method';
import { readTrainingFile, readValidationFile, trainingFileProperties, validationFileOptions } from './trainingFiles';
import { jobWaitOptions, readJobWait, waitForJob } from './waitForJob';

/** OpenAI's limit on the suffix of a fine-tuned model's name. */
export const MAX_SUFFIX_LENGTH = 64;

const properties: INodeProperties[] = [
	modelLocator({ description: 'The model to fine-tune: a base model that supports fine-tuning (e.g. gpt-4.1-mini-2025-04-14) or a fine-tuned model to train further' }),
	...trainingFileProperties,
	...methodProperties,
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			...hyperparameterOptions,
			...jobWaitOptions,
			metadataProperty('Up to 16 key/value pairs stored with the job (Get Many can filter by them)'),
			{
				displayName: 'Seed',
				name: 'seed',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 42,
				description: 'Makes the job reproducible: the same seed and parameters give the same results (mostly)',
			},
			{
				displayName: 'Suffix',
				name: 'suffix',
				type: 'string',
				default: '',
				placeholder: 'e.g. support-bot',
				description: "Up to 64 characters added to the fine-tuned model's name (ft:…:suffix:…)",
			},
			...validationFileOptions,
		],
	},
];

export const createFineTuningJob: ItemOperation = {
	value: 'create',
	name: 'Create',
	action: 'Create a fine-tuning job',
	description: 'Start fine-tuning a model on a .jsonl training file (an uploaded file ID or a binary file uploaded in the same step)',
	properties,
	async execute(ctx) {
		const { n8n, transport, itemIndex } = ctx;
		const model = readModelId(n8n, itemIndex);
		const options = n8n.getNodeParameter('options', itemIndex, {}) as IDataObject;
		const method = readMethod(n8n, itemIndex, options);
		const metadata = readMetadataEntries(n8n, itemIndex, options.metadata);
		const seed = numberInRange(n8n, itemIndex, options.seed, 'Seed', { min: 0, max: 2_147_483_647, integer: true });
		const suffix = typeof options.suffix === 'string' ? options.suffix.trim() : undefined;
		if (suffix && suffix.length > MAX_SUFFIX_LENGTH) {
			throw inputError(n8n, itemIndex, `The "Suffix" option is ${suffix.length} characters long; OpenAI accepts at most ${MAX_SUFFIX_LENGTH}`, 'Shorten the suffix.');
		}
		const wait = readJobWait(n8n, itemIndex, options);
		// files are uploaded last: bad input above must not leave uploaded files behind
		const trainingFile = await readTrainingFile(ctx);
		const validationFile = await readValidationFile(ctx, options);
		const body: JobCreateParams = {
			model,
			training_file: trainingFile,
			...(validationFile ? { validation_file: validationFile } : {}),
			method,
			...(suffix ? { suffix } : {}),
			...(seed !== undefined ? { seed } : {}),
			...(metadata ? { metadata } : {}),
		};
		let job = await checkedCall(transport.client.fineTuning.jobs.create(body), jobShape, JOB);
		if (wait) job = await waitForJob(n8n, transport, itemIndex, job, wait);
		return toItems({ ...job } as unknown as IDataObject);
	},
};
