import type {
	IDataObject,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { PLATFORM_CREDENTIAL } from '../shared/transport/credentialTypes';
import { fetchableKindOf, WEBHOOK_EVENT_TYPES } from './events';
import { fetchObject } from './fetchObject';
import type { FetchResult } from './fetchObject';
import { readTriggerParameters } from './parameters';
import { testSigningSecret } from './secretTest';
import { isRejection, verifyWebhook } from './verify';

export const WEBHOOK_CREDENTIAL = 'openAiWebhookApi';

/**
 * Starts a workflow when OpenAI sends a webhook event (a batch or background response finished, a
 * fine-tuning job ended, ...). Every request's signature is checked with the endpoint's signing
 * secret; unsigned, wrongly signed and stale requests are answered 400/401 and start nothing.
 * See docs/webhooks.md.
 *
 * The endpoint is registered by the user at platform.openai.com (where OpenAI shows its signing secret
 * once); activating the workflow registers nothing, so there is no webhookMethods lifecycle.
 */
// eslint-disable-next-line @n8n/community-nodes/webhook-lifecycle-complete
export class OpenAiWebhookTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'OpenAI Webhook Trigger',
		name: 'openAiWebhookTrigger',
		icon: { light: 'file:../../icons/openai.svg', dark: 'file:../../icons/openai.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["events"].length ? $parameter["events"].join(", ") : "All events"}}',
		description: 'Starts the workflow when OpenAI sends a signed webhook event, e.g. batch.completed',
		defaults: { name: 'OpenAI Webhook Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{ name: 'openAiWebhookApi', required: true, testedBy: 'signingSecretFormat' },
			{ name: PLATFORM_CREDENTIAL, required: true, displayOptions: { show: { fetchObject: [true] } } },
		],
		webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' }],
		properties: [
			{
				displayName:
					'Add this node\'s Production URL as a webhook endpoint at platform.openai.com/settings/project/webhooks, then put the signing secret OpenAI shows into the credential',
				name: 'setupNotice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				options: WEBHOOK_EVENT_TYPES.map(({ value, description }) => ({ name: value, value, description })),
				default: [],
				description: 'The events that start the workflow. Empty: every event. Other events are answered 200 and ignored.',
			},
			{
				displayName: 'Fetch the Object',
				name: 'fetchObject',
				type: 'boolean',
				default: false,
				description:
					'Whether to fetch the batch, response or fine-tuning job the event names (with an OpenAI Platform credential), so the workflow starts with its full data. Eval and call events are emitted as they come.',
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					{
						displayName: 'Timestamp Tolerance (Seconds)',
						name: 'toleranceSeconds',
						type: 'number',
						typeOptions: { minValue: 1 },
						default: 300,
						description: 'Requests signed longer ago (or further ahead) than this are rejected as stale (401): a replayed request cannot start the workflow',
					},
					{
						displayName: 'Fetch Timeout (Seconds)',
						name: 'fetchTimeoutSeconds',
						type: 'number',
						typeOptions: { minValue: 1 },
						default: 10,
						displayOptions: { show: { '/fetchObject': [true] } },
						description: 'How long fetching the object may take. OpenAI waits only a few seconds for the answer and sends the event again when it gets none.',
					},
				],
			},
		],
	};

	methods = {
		credentialTest: { signingSecretFormat: testSigningSecret },
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const parameters = readTriggerParameters(this);
		if (typeof parameters === 'string') return respond(this, 500, parameters);
		const credentials = await this.getCredentials<{ signingSecret?: unknown }>(WEBHOOK_CREDENTIAL);
		const secret = typeof credentials.signingSecret === 'string' ? credentials.signingSecret.trim() : '';
		if (secret === '') return respond(this, 500, 'The OpenAI Webhook Signing Secret credential has no Signing Secret');

		const request = this.getRequestObject();
		const verified = await verifyWebhook(request.rawBody, request.headers, secret, parameters.toleranceSeconds);
		if (isRejection(verified)) return respond(this, verified.status, verified.reason);

		const { event, webhookId, webhookTimestamp } = verified;
		if (parameters.events.length > 0 && !parameters.events.includes(event.type)) {
			return { webhookResponse: { message: `Event ${event.type} is not selected in this trigger: ignored` } };
		}

		const json: IDataObject = { ...(event as IDataObject), webhook: { id: webhookId, timestamp: webhookTimestamp } };
		const kind = fetchableKindOf(event.type);
		const objectId = event.data.id;
		if (parameters.fetchObject && kind && typeof objectId === 'string' && objectId !== '') {
			const fetched = await fetchSafely(this, kind, objectId, parameters.fetchTimeoutMs);
			if (fetched.object) json[kind] = fetched.object;
			if (fetched.error) json.fetchError = fetched.error;
		}
		return { workflowData: [this.helpers.returnJsonArray([json])] };
	}
}

async function fetchSafely(
	ctx: IWebhookFunctions,
	kind: Parameters<typeof fetchObject>[1],
	id: string,
	timeoutMs: number,
): Promise<FetchResult> {
	try {
		return await fetchObject(ctx, kind, id, timeoutMs);
	} catch (error) {
		// createTransport refusing the credential (Base URL, allowed domains): no key is in these messages.
		return { error: { message: error instanceof Error ? error.message : String(error) } };
	}
}

/** Answers the request itself and starts nothing. */
function respond(ctx: IWebhookFunctions, status: number, reason: string): IWebhookResponseData {
	const res = ctx.getResponseObject();
	res.status(status).json({ error: reason });
	res.end();
	return { noWebhookResponse: true };
}
