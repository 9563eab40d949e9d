import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { JobCreateParams } from 'openai/resources/fine-tuning/jobs/jobs';

import { inputError } from '../shared/errors';
import { isPlainObject, parseJsonValue } from '../shared/json';
import { numberInRange, oneOf } from '../shared/values';

/**
 * The training method of Create — Supervised, DPO (preference pairs) or Reinforcement (a grader
 * scores the model's answers) — and its hyperparameters. A hyperparameter left out is "auto".
 */
export const METHODS = ['supervised', 'dpo', 'reinforcement'] as const;
type Method = (typeof METHODS)[number];

export const methodProperties: INodeProperties[] = [
	{
		displayName: 'Method',
		name: 'method',
		type: 'options',
		options: [
			{ name: 'Supervised', value: 'supervised', description: 'Learn from example conversations' },
			{ name: 'DPO', value: 'dpo', description: 'Direct preference optimization: learn from preferred and non-preferred answers' },
			{ name: 'Reinforcement', value: 'reinforcement', description: "A grader scores the model's answers (reasoning models)" },
		],
		default: 'supervised',
		description: 'How the model is trained',
	},
	{
		displayName: 'Grader (JSON)',
		name: 'grader',
		type: 'json',
		default: '{\n  "type": "string_check",\n  "name": "exact match",\n  "input": "{{sample.output_text}}",\n  "reference": "{{item.answer}}",\n  "operation": "eq"\n}',
		required: true,
		description: 'The grader that scores each answer: string_check, text_similarity, python, score_model or multi (see OpenAI\'s graders guide)',
		displayOptions: { show: { method: ['reinforcement'] } },
	},
];

const auto = (name: string, displayName: string, description: string, extra: Partial<INodeProperties> = {}): INodeProperties => ({
	displayName,
	name,
	type: 'number',
	default: 1,
	description: `${description} (not set: auto)`,
	...extra,
});

/** The hyperparameter options (in Create's Options). */
export const hyperparameterOptions: INodeProperties[] = [
	auto('batchSize', 'Batch Size', 'Examples per batch, 1 to 256', { typeOptions: { minValue: 1, maxValue: 256 } }),
	auto('beta', 'Beta (DPO)', 'With DPO: how strongly the preferences pull the model, above 0 up to 2', { typeOptions: { minValue: 0.01, maxValue: 2, numberPrecision: 2 }, default: 0.1 }),
	auto('computeMultiplier', 'Compute Multiplier (Reinforcement)', 'With Reinforcement: the compute spent exploring, above 0 up to 10', { typeOptions: { minValue: 0.01, maxValue: 10, numberPrecision: 2 } }),
	auto('epochs', 'Epochs', 'Passes over the training data, 1 to 50', { typeOptions: { minValue: 1, maxValue: 50 }, default: 3 }),
	auto('evalInterval', 'Eval Interval (Reinforcement)', 'With Reinforcement: training steps between evaluations', { typeOptions: { minValue: 1 } }),
	auto('evalSamples', 'Eval Samples (Reinforcement)', 'With Reinforcement: samples per evaluation', { typeOptions: { minValue: 1 } }),
	auto('learningRateMultiplier', 'Learning Rate Multiplier', 'Scales the learning rate, above 0 up to 100', { typeOptions: { minValue: 0.01, maxValue: 100, numberPrecision: 2 } }),
	{
		displayName: 'Reasoning Effort (Reinforcement)',
		name: 'reasoningEffort',
		type: 'options',
		options: [
			{ name: 'Default', value: 'default' },
			{ name: 'High', value: 'high' },
			{ name: 'Low', value: 'low' },
			{ name: 'Medium', value: 'medium' },
		],
		default: 'default',
		description: 'With Reinforcement: the reasoning effort of the model while it is trained',
	},
];

const ONLY: Record<string, Method> = { beta: 'dpo', computeMultiplier: 'reinforcement', evalInterval: 'reinforcement', evalSamples: 'reinforcement', reasoningEffort: 'reinforcement' };
const NAMES: Record<string, string> = {
	beta: 'Beta (DPO)',
	computeMultiplier: 'Compute Multiplier (Reinforcement)',
	evalInterval: 'Eval Interval (Reinforcement)',
	evalSamples: 'Eval Samples (Reinforcement)',
	reasoningEffort: 'Reasoning Effort (Reinforcement)',
};

export function readMethod(n8n: IExecuteFunctions, itemIndex: number, options: IDataObject): NonNullable<JobCreateParams['method']> {
	const method = oneOf(n8n, itemIndex, n8n.getNodeParameter('method', itemIndex, 'supervised'), 'Method', METHODS) as Method | undefined;
	const type: Method = method ?? 'supervised';
	for (const [option, owner] of Object.entries(ONLY)) {
		if (options[option] !== undefined && owner !== type) {
			throw inputError(n8n, itemIndex, `The "${NAMES[option]}" option only applies to the ${owner === 'dpo' ? 'DPO' : 'Reinforcement'} method`, `Remove the option, or pick that method.`);
		}
	}
	const number = (name: string, displayName: string, min: number, max: number, integer: boolean) => numberInRange(n8n, itemIndex, options[name], displayName, { min, max, integer });
	const hyperparameters: Record<string, number | string> = {};
	const set = (key: string, value: number | string | undefined) => {
		if (value !== undefined) hyperparameters[key] = value;
	};
	set('batch_size', number('batchSize', 'Batch Size', 1, 256, true));
	set('learning_rate_multiplier', number('learningRateMultiplier', 'Learning Rate Multiplier', 0.0001, 100, false));
	set('n_epochs', number('epochs', 'Epochs', 1, 50, true));
	if (type === 'dpo') set('beta', number('beta', 'Beta (DPO)', 0.0001, 2, false));
	if (type === 'reinforcement') {
		set('compute_multiplier', number('computeMultiplier', 'Compute Multiplier (Reinforcement)', 0.0001, 10, false));
		set('eval_interval', number('evalInterval', 'Eval Interval (Reinforcement)', 1, 1000, true));
		set('eval_samples', number('evalSamples', 'Eval Samples (Reinforcement)', 1, 1000, true));
		set('reasoning_effort', oneOf(n8n, itemIndex, options.reasoningEffort, 'Reasoning Effort (Reinforcement)', ['default', 'low', 'medium', 'high']));
	}
	const settings: IDataObject = Object.keys(hyperparameters).length > 0 ? { hyperparameters } : {};
	if (type === 'reinforcement') settings.grader = readGrader(n8n, itemIndex);
	return { type, ...(Object.keys(settings).length > 0 ? { [type]: settings } : {}) } as NonNullable<JobCreateParams['method']>;
}

const GRADERS = ['string_check', 'text_similarity', 'python', 'score_model', 'multi'];

function readGrader(n8n: IExecuteFunctions, itemIndex: number): IDataObject {
	const grader = parseJsonValue(n8n, itemIndex, n8n.getNodeParameter('grader', itemIndex, ''), 'Grader (JSON)', 'parameter');
	if (grader === undefined) throw inputError(n8n, itemIndex, 'The "Grader (JSON)" parameter is empty', 'Reinforcement fine-tuning needs a grader, e.g. {"type": "string_check", …}.');
	if (!isPlainObject(grader) || typeof grader.type !== 'string' || !GRADERS.includes(grader.type)) {
		throw inputError(n8n, itemIndex, `The "Grader (JSON)" parameter must be a grader object whose "type" is one of ${GRADERS.join(', ')}`, 'See OpenAI\'s graders guide for the fields of each type.');
	}
	return grader as IDataObject;
}
