import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';

export interface TriggerParameters {
	events: string[];
	fetchObject: boolean;
	toleranceSeconds: number;
	fetchTimeoutMs: number;
}

/** Reads and checks the trigger's parameters; returns a problem text naming the parameter instead. */
export function readTriggerParameters(ctx: IWebhookFunctions): TriggerParameters | string {
	const events = ctx.getNodeParameter('events', []) as unknown;
	const fetchObject = ctx.getNodeParameter('fetchObject', false) as unknown;
	const options = ctx.getNodeParameter('options', {}) as IDataObject;
	if (!Array.isArray(events) || events.some((event) => typeof event !== 'string')) return 'Events must be a list of event types';
	const tolerance = positiveNumber(options.toleranceSeconds, 300);
	if (tolerance === undefined) return 'Timestamp Tolerance (Seconds) must be a number above 0';
	const fetchTimeout = positiveNumber(options.fetchTimeoutSeconds, 10);
	if (fetchTimeout === undefined) return 'Fetch Timeout (Seconds) must be a number above 0';
	return {
		events: events as string[],
		fetchObject: fetchObject === true,
		toleranceSeconds: Math.floor(tolerance),
		fetchTimeoutMs: Math.round(fetchTimeout * 1000),
	};
}

function positiveNumber(value: unknown, fallback: number): number | undefined {
	if (value === undefined || value === null || value === '') return fallback;
	return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : undefined;
}
