/**
 * The events OpenAI sends to a webhook endpoint (the `webhooks:` section of OpenAI's OpenAPI spec),
 * and which of them name an object this node can fetch.
 */
export const WEBHOOK_EVENT_TYPES = [
	{ value: 'batch.completed', description: 'A batch finished; its results are ready' },
	{ value: 'batch.failed', description: 'A batch failed (e.g. its input file was invalid)' },
	{ value: 'batch.expired', description: 'A batch did not finish within its completion window' },
	{ value: 'batch.cancelled', description: 'A batch was cancelled' },
	{ value: 'response.completed', description: 'A background response finished' },
	{ value: 'response.failed', description: 'A background response failed' },
	{ value: 'response.incomplete', description: 'A background response stopped early (e.g. max output tokens)' },
	{ value: 'response.cancelled', description: 'A background response was cancelled' },
	{ value: 'fine_tuning.job.succeeded', description: 'A fine-tuning job succeeded' },
	{ value: 'fine_tuning.job.failed', description: 'A fine-tuning job failed' },
	{ value: 'fine_tuning.job.cancelled', description: 'A fine-tuning job was cancelled' },
	{ value: 'eval.run.succeeded', description: 'An eval run succeeded' },
	{ value: 'eval.run.failed', description: 'An eval run failed' },
	{ value: 'eval.run.canceled', description: 'An eval run was cancelled' },
	{ value: 'realtime.call.incoming', description: 'A SIP call reached a Realtime project' },
	{ value: 'live.call.incoming', description: 'A SIP call is available for Live acceptance' },
] as const;

/** The objects an event can name and that can be fetched with an OpenAI Platform key. */
export type FetchableKind = 'batch' | 'response' | 'fine_tuning_job';

/** Which object an event type names (by its prefix), if this node can fetch it. */
export function fetchableKindOf(eventType: string): FetchableKind | undefined {
	if (eventType.startsWith('batch.')) return 'batch';
	if (eventType.startsWith('response.')) return 'response';
	if (eventType.startsWith('fine_tuning.job.')) return 'fine_tuning_job';
	return undefined;
}
