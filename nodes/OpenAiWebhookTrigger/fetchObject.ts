import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';

import { checkedCall, shape } from '../shared/shape';
import { createTransport } from '../shared/transport/client';
import { PLATFORM_CREDENTIAL } from '../shared/transport/credentialTypes';
import type { FetchableKind } from './events';

export interface FetchResult {
	object?: IDataObject;
	/** Why the object could not be fetched (already redacted and bounded by toNodeError). */
	error?: { message: string; description?: string; httpCode?: string };
}

const WHAT: Record<FetchableKind, string> = {
	batch: 'a batch',
	response: 'a response',
	fine_tuning_job: 'a fine-tuning job',
};

/** The fetched object must be the one the event names, and say where it stands. */
const objectNamed = (id: string) =>
	shape.object({
		id: shape.rule((value, path) => (value === id ? undefined : `\`${path}\` should be "${id}", the id the event names`)),
		status: shape.string,
	});

/**
 * Fetches the object an event names (the batch, the response, the fine-tuning job) with the OpenAI
 * Platform credential, through the shared transport. A failure does not drop the event: it is returned
 * as `error` and the event is emitted with it.
 */
export async function fetchObject(
	ctx: IWebhookFunctions,
	kind: FetchableKind,
	id: string,
	timeoutMs: number,
): Promise<FetchResult> {
	const transport = await createTransport(ctx, { credentialType: PLATFORM_CREDENTIAL, timeoutMs, maxRetries: 1 });
	try {
		const { client } = transport;
		const wanted = objectNamed(id);
		let object: unknown;
		if (kind === 'batch') object = await checkedCall(client.batches.retrieve(id), wanted, WHAT[kind]);
		else if (kind === 'response') object = await checkedCall(client.responses.retrieve(id), wanted, WHAT[kind]);
		else object = await checkedCall(client.fineTuning.jobs.retrieve(id), wanted, WHAT[kind]);
		return { object: object as IDataObject };
	} catch (error) {
		const nodeError = transport.toNodeError(error);
		return {
			error: {
				message: nodeError.message,
				...(nodeError.description ? { description: nodeError.description } : {}),
				...('httpCode' in nodeError && nodeError.httpCode ? { httpCode: nodeError.httpCode } : {}),
			},
		};
	}
}
