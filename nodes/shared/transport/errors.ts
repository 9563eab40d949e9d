import OpenAI from 'openai';
import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { CredentialTypeName, KeyKind } from './credentialTypes';
import { ADMIN_CREDENTIAL, describeKeyKind } from './credentialTypes';
import { redactDeep, redactSecrets } from './redact';
import { SECRET_ECHO_TYPE } from './n8nFetch';
import { bodyErrorOf } from './responseBody';
import {
	BodyReadError,
	BodyTimeoutError,
	htmlTitle,
	looksLikeHtml,
	PagingError,
	UnexpectedResponseError,
} from './unexpectedResponse';

/** What the mapper knows about the request that failed; never the key itself in output. */
export interface ErrorContext {
	node: INode;
	itemIndex?: number;
	credentialType: CredentialTypeName;
	keyKind: KeyKind;
	/** Strings to scrub from every message (the credential's key). */
	secrets: readonly string[];
	baseURL: string;
	timeoutMs?: number;
	maxRetries?: number;
}

const KEYS_PAGE = 'https://platform.openai.com/api-keys';
const ADMIN_KEYS_PAGE = 'https://platform.openai.com/settings/organization/admin-keys';
const BILLING_PAGE = 'https://platform.openai.com/settings/organization/billing';
const LIMITS_PAGE = 'https://platform.openai.com/settings/organization/limits';
const STATUS_PAGE = 'https://status.openai.com';

/** Thrown when the execution was stopped (Stop button, timeout of the whole workflow). */
export class ExecutionCancelledError extends NodeOperationError {}

/** Bounds of what an error may carry into the execution data and the logs. */
export const MAX_MESSAGE_CHARS = 500;
export const MAX_DESCRIPTION_CHARS = 1_500;
export const MAX_STORED_BODY_CHARS = 4 * 1024;

const BASE_URL_HINT = (baseURL: string) =>
	`Check that the credential's Base URL (${baseURL}) points at an OpenAI-compatible API (it usually ends with /v1), not at a web page, a login or captive portal, or a proxy's error page.`;

/**
 * The one place where any failure of a request becomes an n8n error: an SDK API error becomes a
 * `NodeApiError` with OpenAI's own message plus a hint that says what to do; n8n's refusals
 * (allowed domains, SSRF) and connection failures are unwrapped; an answer of the wrong shape says
 * what was expected and what came. Whatever leaves here is bounded in size and carries no secret
 * in any field (message, description, context, stored body, stack).
 */
export function toNodeError(error: unknown, ctx: ErrorContext): NodeApiError | NodeOperationError {
	const nodeError = mapError(error, ctx);
	return redactDeep(bound(nodeError), ctx.secrets);
}

function mapError(error: unknown, ctx: ErrorContext): NodeApiError | NodeOperationError {
	if (error instanceof NodeOperationError && !(error instanceof NodeApiError)) return error;
	// a download's body that stalled, broke off or did not decompress (also when n8n's binary store wrapped the error)
	const bodyError = error instanceof OpenAI.APIError ? undefined : bodyErrorOf(error);
	if (bodyError && bodyError !== error) return mapError(bodyError, ctx);
	const clean = (text: string) => redactSecrets(text, ctx.secrets);

	if (error instanceof OpenAI.APIUserAbortError) {
		const reason = (error as { cause?: unknown }).cause;
		if (reason instanceof Error && reason.name !== 'AbortError' && !isCancellation(reason)) {
			return refusalOrConnectionError(reason, ctx, clean);
		}
		return new ExecutionCancelledError(ctx.node, 'The execution was cancelled', {
			itemIndex: ctx.itemIndex,
			description: 'The request was stopped before OpenAI answered.',
		});
	}
	if (error instanceof OpenAI.APIConnectionTimeoutError || error instanceof BodyTimeoutError) {
		const after = ctx.timeoutMs ? ` after ${ctx.timeoutMs} ms` : '';
		const stalled = error instanceof BodyTimeoutError ? ' (the answer started, then its body stopped arriving)' : '';
		return apiError(ctx, {
			message: `OpenAI did not answer in time${after}${stalled}`,
			description: `The request to ${ctx.baseURL} timed out${retriesText(ctx)}. The Timeout option covers the whole answer, body included. Raise it for long generations or large files, or lower the concurrency if the endpoint is overloaded.`,
			httpCode: '408',
			body: { message: 'Request timed out', type: 'timeout' },
		});
	}
	if (error instanceof UnexpectedResponseError) return unexpectedAnswer(error, ctx);
	if (error instanceof PagingError) {
		return apiError(ctx, {
			message: clean(error.message),
			description: `A list that never ends is stopped rather than read for ever. ${BASE_URL_HINT(ctx.baseURL)}`,
			body: { message: clean(error.message), type: 'paging_error' },
		});
	}
	if (error instanceof BodyReadError) return answerBroken(error, ctx);
	if (error instanceof SyntaxError) {
		return apiError(ctx, {
			message: "The server's answer was not valid JSON",
			description: `An OpenAI API answers in JSON. ${BASE_URL_HINT(ctx.baseURL)}`,
			body: { message: 'invalid JSON', type: 'invalid_response' },
		});
	}
	if (error instanceof OpenAI.APIConnectionError) {
		const cause = (error as { cause?: unknown }).cause;
		if (cause instanceof BodyReadError) return answerBroken(cause, ctx);
		if (cause instanceof BodyTimeoutError) return mapError(cause, ctx);
		return refusalOrConnectionError(cause instanceof Error ? cause : error, ctx, clean);
	}
	if (error instanceof OpenAI.APIError) {
		return fromApiError(error, ctx, clean);
	}
	if (error instanceof NodeApiError) return error;
	if (error instanceof Error && (error.name === 'TypeError' || error.name === 'RangeError' || error.name === 'ReferenceError')) {
		// A JavaScript error at this point means an answer was not what the code expected.
		return apiError(ctx, {
			message: "The server's answer could not be read",
			description: `${clean(error.message)}. ${BASE_URL_HINT(ctx.baseURL)}`,
			body: { message: clean(error.message), type: 'invalid_response' },
		});
	}
	const message = error instanceof Error ? error.message : String(error);
	return new NodeOperationError(ctx.node, clean(message), { itemIndex: ctx.itemIndex });
}

function unexpectedAnswer(error: UnexpectedResponseError, ctx: ErrorContext): NodeApiError {
	const came = [
		error.status !== undefined ? `HTTP ${error.status}` : undefined,
		error.contentType ? `content type ${error.contentType}` : undefined,
	].filter(Boolean);
	const html = error.preview.startsWith('an HTML page');
	return apiError(ctx, {
		// an HTML page is named as such in the message (its title is in the description)
		message: `The server's answer is not ${error.expected}: ${html && !/html/i.test(error.problem) ? `it is ${error.preview}` : error.problem}`,
		description: `What came${came.length ? ` (${came.join(', ')})` : ''}: ${error.preview}. ${BASE_URL_HINT(ctx.baseURL)}`,
		httpCode: error.status !== undefined ? String(error.status) : undefined,
		body: {
			message: error.problem,
			type: 'unexpected_response',
			expected: error.expected,
			status: error.status ?? null,
			content_type: error.contentType ?? null,
			preview: error.preview,
		},
	});
}

function answerBroken(error: BodyReadError, ctx: ErrorContext): NodeApiError {
	return apiError(ctx, {
		message: error.message,
		description:
			error.reason === 'decompress'
				? `The server (or a proxy in between) labelled the body as compressed, but it is not${retriesText(ctx)}. ${BASE_URL_HINT(ctx.baseURL)}`
				: `The connection to ${ctx.baseURL} dropped while the answer was arriving${retriesText(ctx)}. This is usually a proxy or network fault; try again, and check any proxy (HTTP_PROXY/HTTPS_PROXY) n8n uses.`,
		httpCode: String(error.status),
		body: { message: error.message, type: error.reason === 'decompress' ? 'bad_encoding' : 'body_cut', status: error.status },
	});
}

function fromApiError(
	error: InstanceType<typeof OpenAI.APIError>,
	ctx: ErrorContext,
	clean: (text: string) => string,
): NodeApiError {
	const status = error.status ?? 0;
	const body = (error.error ?? {}) as { message?: unknown; type?: unknown; code?: unknown; param?: unknown };
	const openAiMessage = readableMessage(
		clean(typeof body.message === 'string' && body.message !== '' ? body.message : error.message),
	);
	const code = typeof body.code === 'string' ? clip(clean(body.code), 100) : undefined;
	const type = typeof body.type === 'string' ? clip(clean(body.type), 100) : undefined;
	const param = typeof body.param === 'string' ? clip(clean(body.param), 100) : undefined;
	const requestID = error.requestID ? clip(clean(error.requestID), 100) : undefined;
	if (type === SECRET_ECHO_TYPE) {
		return apiError(ctx, {
			message: openAiMessage,
			description: `OpenAI never sends a key back. A server (or a gateway or proxy in between) that does is not to be trusted with this credential. ${BASE_URL_HINT(ctx.baseURL)}`,
			httpCode: code,
			body: { message: openAiMessage, type },
		});
	}
	const hint = hintFor(status, code, type, param, openAiMessage, ctx);
	const requestId = requestID ? ` (request ID ${requestID})` : '';
	return apiError(ctx, {
		message: `OpenAI: ${openAiMessage}`,
		description: `${hint}${requestId}`,
		httpCode: String(status),
		body: {
			message: openAiMessage,
			type: type ?? null,
			code: code ?? null,
			param: param ?? null,
			status,
			request_id: requestID ?? null,
		},
	});
}

function hintFor(
	status: number,
	code: string | undefined,
	type: string | undefined,
	param: string | undefined,
	message: string,
	ctx: ErrorContext,
): string {
	const isAdminCredential = ctx.credentialType === ADMIN_CREDENTIAL;
	const key = describeKeyKind(ctx.keyKind);
	const missingScope = /Missing scopes?:\s*([\w.,\s]+?)(?:\.\s|\.$|$)/i.exec(message)?.[1]?.trim();

	if (status === 401) {
		if (ctx.keyKind === 'none') {
			return 'The credential has no API key. Open the credential and paste the key.';
		}
		if (!isAdminCredential && ctx.keyKind === 'admin') {
			return `The credential holds ${key}. Admin keys only work for the Admin API (usage, costs, organization), not for models, chat, files or batches. Put a project API key (sk-proj-…) from ${KEYS_PAGE} into the OpenAI Platform credential, and use the admin key in an "OpenAI Admin" credential.`;
		}
		if (isAdminCredential && ctx.keyKind !== 'admin') {
			return `The credential holds ${key}, but usage, costs and the organization endpoints need an Admin key (sk-admin-…). An organization owner creates one at ${ADMIN_KEYS_PAGE} ("Read only" is enough for usage and costs).`;
		}
		if (missingScope) return scopeHint(missingScope, ctx);
		return `OpenAI rejected the key: it is wrong, revoked, expired or from another organization. Check the key in the credential${isAdminCredential ? ` (Admin keys: ${ADMIN_KEYS_PAGE})` : ` (${KEYS_PAGE})`}, and the Organization/Project IDs if you set them.`;
	}
	if (status === 403) {
		if (missingScope) return scopeHint(missingScope, ctx);
		if (isAdminCredential && ctx.keyKind !== 'admin') {
			return `The credential holds ${key}; the Admin API needs an Admin key (sk-admin-…) from ${ADMIN_KEYS_PAGE}.`;
		}
		if (/country|region|territory/i.test(message)) {
			return 'OpenAI does not serve requests from this region.';
		}
		return `The key is not allowed to do this. If it is a restricted key, give it the permission this endpoint needs; if the project limits models, allow the model in the project's settings.`;
	}
	if (status === 404) {
		if (code === 'model_not_found' || param === 'model') {
			return 'The model does not exist or this key has no access to it. Pick a model from the list, check the spelling (fine-tuned models look like ft:gpt-4o-mini-…:org::id), and that the project may use it.';
		}
		if (/Invalid URL/i.test(message)) {
			return `The endpoint does not exist at ${ctx.baseURL}. Check the Base URL in the credential (it usually ends with /v1).`;
		}
		return 'Nothing with this ID exists for this key: check the ID and that it belongs to the same project and organization as the key.';
	}
	if (status === 429) {
		if (code === 'insufficient_quota' || type === 'insufficient_quota') {
			return `Quota exhausted: the organization has no credit left or reached its budget. Retrying does not help — add credit or raise the limit at ${BILLING_PAGE}.`;
		}
		return `Rate limited: too many requests or tokens per minute for this model${retriesText(ctx)}, honouring OpenAI's Retry-After. Lower the node's concurrency, raise its retry count, or ask for higher limits at ${LIMITS_PAGE}.`;
	}
	if (status === 400 || status === 422) {
		return param
			? `OpenAI rejected the value of '${param}'. Check that parameter.`
			: 'OpenAI rejected the request. Check the parameters named in the message.';
	}
	if (status >= 300 && status < 400) {
		return `The Base URL ${ctx.baseURL} answers with a redirect (${status}); API requests are not redirected. Put the final address in the credential's Base URL (e.g. https:// instead of http://).`;
	}
	if (status === 409) return 'The resource is in a state that does not allow this (for example a batch that already finished).';
	if (status >= 500) {
		return `OpenAI had a server error (${status})${retriesText(ctx)}. This is usually temporary: try again later, and see ${STATUS_PAGE}.`;
	}
	return 'See OpenAI\'s message above.';
}

function scopeHint(scope: string, ctx: ErrorContext): string {
	const key = describeKeyKind(ctx.keyKind);
	if (/api\.usage\.read/.test(scope)) {
		return `The key lacks the scope ${scope} (it is ${key}). Usage and costs need an Admin key (sk-admin-…) with at least "Read only" permissions: ${ADMIN_KEYS_PAGE}. Project keys (sk-proj-…) can never read usage.`;
	}
	if (/api\.management\.write/.test(scope)) {
		return `The key lacks the scope ${scope} (it is ${key}). Operations that write (spend alerts and limits, projects, users, invites, keys) need an Admin key with write access ("All" permissions) to Organization Administration: ${ADMIN_KEYS_PAGE}.`;
	}
	if (/api\.management\.read/.test(scope)) {
		return `The key lacks the scope ${scope} (it is ${key}). Projects, users, API keys and audit logs need an Admin key with read access to Organization Administration: ${ADMIN_KEYS_PAGE}.`;
	}
	return `The key lacks the scope ${scope} (it is ${key}). Give the key that permission (restricted keys: edit its permissions at ${KEYS_PAGE}).`;
}

function refusalOrConnectionError(
	cause: Error,
	ctx: ErrorContext,
	clean: (text: string) => string,
): NodeApiError {
	const message = readableMessage(clean(cause.message || 'Connection error'));
	if (/^Domain not allowed/.test(message)) {
		return apiError(ctx, {
			message,
			description: `The credential's "Allowed HTTP Request Domains" setting does not include the host of ${ctx.baseURL}. Add it to the list or change the Base URL.`,
			body: { detail: message, type: 'domain_not_allowed' },
		});
	}
	if (/^Ssrf/.test(cause.name) || /restricted IP address|blocked hostname/i.test(message)) {
		return apiError(ctx, {
			message,
			description: `n8n's SSRF protection blocked ${ctx.baseURL}. Ask the n8n administrator to allow this host (N8N_SSRF_* settings) or use a public endpoint.`,
			body: { detail: message, type: 'ssrf_blocked' },
		});
	}
	return apiError(ctx, {
		message: `Could not connect to ${ctx.baseURL}: ${clip(message, 200)}`,
		description: `The request did not reach OpenAI${retriesText(ctx)}. Check the Base URL, the network and any proxy (HTTP_PROXY/HTTPS_PROXY) n8n uses.`,
		body: { detail: message, type: 'connection_error' },
	});
}

function apiError(
	ctx: ErrorContext,
	details: { message: string; description: string; httpCode?: string; body: JsonObject },
): NodeApiError {
	const item = ctx.itemIndex !== undefined ? ` [item ${ctx.itemIndex}]` : '';
	return new NodeApiError(ctx.node, details.body, {
		message: `${clip(details.message, MAX_MESSAGE_CHARS - item.length)}${item}`,
		description: details.description,
		httpCode: details.httpCode,
		itemIndex: ctx.itemIndex,
	});
}

/** A server's error text as a message: an HTML page reduced to its title, whitespace folded. */
function readableMessage(text: string): string {
	const withoutStatus = text.replace(/^\d{3}\s+/, ''); // the SDK puts the status before a body it could not read as JSON
	if (looksLikeHtml(withoutStatus)) {
		const title = htmlTitle(withoutStatus);
		return title ? `an HTML page titled "${clip(title, 200)}" instead of an API error` : 'an HTML page instead of an API error';
	}
	return clip(text.replace(/\s+/g, ' ').trim(), MAX_MESSAGE_CHARS);
}

function clip(text: string, max: number): string {
	return text.length > max ? `${text.slice(0, Math.max(0, max - 1))}…` : text;
}

/** Every error leaving the package is bounded: message, description, stored body, messages. */
function bound<E extends NodeApiError | NodeOperationError>(error: E): E {
	if (error.message.length > MAX_MESSAGE_CHARS) error.message = clip(error.message, MAX_MESSAGE_CHARS);
	if (typeof error.description === 'string' && error.description.length > MAX_DESCRIPTION_CHARS) {
		error.description = clip(error.description, MAX_DESCRIPTION_CHARS);
	}
	error.messages = (error.messages ?? []).slice(0, 5).map((message) => clip(String(message), MAX_MESSAGE_CHARS));
	for (const field of ['errorResponse', 'cause'] as const) {
		const stored = (error as unknown as Record<string, unknown>)[field];
		if (stored && typeof stored === 'object' && storedSize(stored) > MAX_STORED_BODY_CHARS) {
			(error as unknown as Record<string, unknown>)[field] = {
				message: clip(error.message, MAX_MESSAGE_CHARS),
				note: `the stored error body was larger than ${MAX_STORED_BODY_CHARS} characters and was dropped`,
			};
		}
	}
	return error;
}

function storedSize(value: object): number {
	try {
		return JSON.stringify(value)?.length ?? 0;
	} catch {
		return Infinity;
	}
}

function retriesText(ctx: ErrorContext): string {
	if (!ctx.maxRetries) return '';
	return `; the request was retried ${ctx.maxRetries} time${ctx.maxRetries === 1 ? '' : 's'}`;
}

function isCancellation(error: Error): boolean {
	return /cancel|abort/i.test(error.name) || /cancel|abort/i.test(error.message);
}
