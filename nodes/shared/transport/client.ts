import OpenAI from 'openai';
import type {
	ICredentialDataDecryptedObject,
	IExecuteFunctions,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IPollFunctions,
	IWebhookFunctions,
	NodeApiError,
} from 'n8n-workflow';
import { assertCredentialAllowsUrl, NodeOperationError } from 'n8n-workflow';

import type { CredentialTypeName, KeyKind, OpenAiCredentialData } from './credentialTypes';
import { baseUrlProblem, displayUrl, keyKindOf, normaliseBaseUrl, urlSecrets } from './credentialTypes';
import { toNodeError } from './errors';
import { createN8nFetch } from './n8nFetch';
import { RateLimitGovernor } from './rateLimitGovernor';

/** Any n8n context our nodes run in: an action node, a model search, a polling or webhook trigger. */
export type TransportContext = IExecuteFunctions | ILoadOptionsFunctions | IPollFunctions | IWebhookFunctions;

export interface TransportOptions {
	credentialType: CredentialTypeName;
	/** Per-request timeout in ms (the SDK's `timeout`); default 10 minutes like the SDK. */
	timeoutMs?: number;
	/** Retries of 408/409/429/5xx and connection errors, honouring retry-after(-ms). */
	maxRetries?: number;
	/** An extra signal that aborts every request of this client (e.g. the item engine's). */
	signal?: AbortSignal;
	/**
	 * For clean-up that must still reach OpenAI after Stop (cancelling an unfinished upload): the
	 * client's requests are not ended by the execution's cancel signal. They still go through n8n's
	 * helper with the credential (proxy, SSRF and domain rules as always) and end on their Timeout.
	 */
	outlivesStop?: boolean;
}

export interface OpenAiTransport {
	client: OpenAI;
	/** Paces this client's requests by OpenAI's rate-limit headers. */
	governor: RateLimitGovernor;
	credentialType: CredentialTypeName;
	keyKind: KeyKind;
	baseURL: string;
	timeoutMs: number;
	maxRetries: number;
	/**
	 * Aborted when every request of this client must end: Stop in n8n, the item engine stopping
	 * (another item failed), n8n refusing to send. Waits between polls end on it too.
	 */
	signal: AbortSignal;
	/** Turns anything a request threw into the n8n error to show, for the given item. */
	toNodeError(error: unknown, itemIndex?: number): NodeApiError | NodeOperationError;
}

export const DEFAULT_TIMEOUT_MS = 10 * 60 * 1000;
export const DEFAULT_MAX_RETRIES = 2;

/** The SDK insists on a key; the real one is attached by the credential, never by the SDK. */
const SDK_PLACEHOLDER = 'unused: n8n attaches the credential';
const SURFACE = 'OpenAI Platform';

/**
 * Builds the openai SDK client for a credential. Every request goes through n8n's
 * `httpRequestWithAuthentication` (see n8nFetch.ts); the SDK keeps its typed API, its retries
 * and its error classes. Creating a client is cheap: no request is made here.
 */
export async function createTransport(
	ctx: TransportContext,
	options: TransportOptions,
): Promise<OpenAiTransport> {
	const { credentialType } = options;
	const node = ctx.getNode();
	const credentials = (await ctx.getCredentials(credentialType)) as OpenAiCredentialData;
	const baseURL = normaliseBaseUrl(credentials.url);
	const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
	const maxRetries = options.maxRetries ?? DEFAULT_MAX_RETRIES;
	const keyKind = keyKindOf(credentials.apiKey);
	const secrets = [...(typeof credentials.apiKey === 'string' ? [credentials.apiKey.trim()] : []), ...urlSecrets(baseURL)];
	const problem = baseUrlProblem(baseURL);
	if (problem) {
		throw new NodeOperationError(node, problem, {
			description: 'Open the credential and correct its Base URL field (the default is https://api.openai.com/v1).',
		});
	}

	// Refuse a base URL outside the credential's allowed domains before any traffic; n8n's
	// network layer enforces the same list again on every request and every redirect.
	const allowedDomains = assertCredentialAllowsUrl({
		node,
		credentialData: credentials as never,
		url: baseURL,
		pinnedUrl: baseURL,
		surface: SURFACE,
	});

	// One signal for every request of this client: Stop in n8n, the caller's signal, and n8n
	// refusing to send (so a refused host is not retried like a flaky connection).
	const refused = new AbortController();
	const signals = [refused.signal];
	const cancelSignal = !options.outlivesStop && 'getExecutionCancelSignal' in ctx ? ctx.getExecutionCancelSignal() : undefined;
	const requester = options.outlivesStop ? withoutCancelSignal(ctx) : ctx;
	if (cancelSignal) signals.push(cancelSignal);
	if (options.signal) signals.push(options.signal);
	const lifetime = signals.length === 1 ? signals[0] : AbortSignal.any(signals);

	const governor = new RateLimitGovernor();
	// The credential was decrypted once above; handing it over spares n8n a credential lookup and
	// decryption for every request (in n8n that is a database read) — authenticate still runs.
	const credentialsDecrypted = {
		id: node.credentials?.[credentialType]?.id ?? credentialType,
		name: node.credentials?.[credentialType]?.name ?? credentialType,
		type: credentialType,
		data: credentials as ICredentialDataDecryptedObject,
	};
	const fetch = createN8nFetch(
		async (request: IHttpRequestOptions) =>
			await ctx.helpers.httpRequestWithAuthentication.call(requester, credentialType, request, {
				credentialsDecrypted,
			}),
		{
			allowedDomains,
			onRefused: (error) => refused.abort(error),
			governor,
			// n8n hands each request the execution's cancel signal; the SDK's signal follows `lifetime`.
			followedSignals: cancelSignal ? [cancelSignal] : [],
			timeoutMs,
			secrets,
		},
	);

	const client = new OpenAI({
		apiKey: SDK_PLACEHOLDER,
		adminAPIKey: SDK_PLACEHOLDER,
		// null: never read OPENAI_ORG_ID / OPENAI_PROJECT_ID from n8n's environment; the
		// credential's authenticate block sends the organization and project headers.
		organization: null,
		project: null,
		baseURL,
		fetch,
		// The SDK types leave `signal` out of client-wide fetch options, but it spreads them over
		// each request, making this the request's own signal: an abort then ends retries and
		// back-off sleeps at once instead of looking like a flaky connection. Pinned SDK
		// version + the cancellation tests guard this.
		fetchOptions: { signal: lifetime } as Record<string, unknown>,
		defaultHeaders: { Authorization: null },
		timeout: timeoutMs,
		maxRetries,
		logLevel: 'off',
	});

	return {
		client,
		governor,
		credentialType,
		keyKind,
		baseURL: displayUrl(baseURL),
		timeoutMs,
		maxRetries,
		signal: lifetime,
		toNodeError: (error, itemIndex) =>
			toNodeError(error, {
				node,
				itemIndex,
				credentialType,
				keyKind,
				secrets,
				baseURL: displayUrl(baseURL),
				timeoutMs,
				maxRetries,
			}),
	};
}

/**
 * n8n's helper gives a request the execution's cancel signal when the context it is called on offers
 * one (`getExecutionCancelSignal`); after Stop that signal is aborted, so nothing could be sent. This
 * view of the context offers what the helper uses (the node, credentials, helpers, logger) and no
 * cancel signal. Guarded by the upload-cancel-on-Stop test, which runs n8n-core's own helper.
 */
function withoutCancelSignal(ctx: TransportContext): IExecuteFunctions {
	const view = {
		getNode: () => ctx.getNode(),
		getCredentials: async (type: string, itemIndex?: number) => await ctx.getCredentials(type, itemIndex),
		helpers: ctx.helpers,
		logger: ctx.logger,
	};
	return view as unknown as IExecuteFunctions;
}
