import type { INodeProperties } from 'n8n-workflow';

/** Sampling and reasoning options shared by Chat, Response and Text (same names, ranges, texts). */
export const temperatureOption: INodeProperties = {
	displayName: 'Temperature',
	name: 'temperature',
	type: 'number',
	typeOptions: { minValue: 0, maxValue: 2, numberPrecision: 1 },
	default: 1,
	description: 'From 0 to 2. Lower is more focused and repeatable, higher is more varied.',
};

export const topPOption: INodeProperties = {
	displayName: 'Top P',
	name: 'topP',
	type: 'number',
	typeOptions: { minValue: 0, maxValue: 1, numberPrecision: 2 },
	default: 1,
	description:
		'From 0 to 1: sample only from the most likely tokens that make up this probability mass. Change this or Temperature, not both.',
};

export const REASONING_EFFORTS = ['minimal', 'low', 'medium', 'high'] as const;
export type ReasoningEffort = (typeof REASONING_EFFORTS)[number];

export const reasoningEffortOption: INodeProperties = {
	displayName: 'Reasoning Effort',
	name: 'reasoningEffort',
	type: 'options',
	options: [
		{ name: 'High', value: 'high' },
		{ name: 'Low', value: 'low' },
		{ name: 'Medium', value: 'medium' },
		{ name: 'Minimal', value: 'minimal' },
	],
	default: 'medium',
	description: 'How long reasoning models (o-series, GPT-5) think before they answer. Other models reject it.',
};

type Range = (name: string, displayName: string, min: number, max: number) => number | undefined;

/** Temperature and Top P as request fields; only what the user added. */
export function readSampling(range: Range): { temperature?: number; top_p?: number } {
	const temperature = range('temperature', 'Temperature', 0, 2);
	const topP = range('topP', 'Top P', 0, 1);
	return {
		...(temperature !== undefined ? { temperature } : {}),
		...(topP !== undefined ? { top_p: topP } : {}),
	};
}
