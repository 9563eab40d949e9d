import OpenAI from 'openai';
import type { INode } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { ADMIN_CREDENTIAL, PLATFORM_CREDENTIAL } from '../../nodes/shared/transport/credentialTypes';
import type { ErrorContext } from '../../nodes/shared/transport/errors';
import { ExecutionCancelledError, toNodeError } from '../../nodes/shared/transport/errors';

const node: INode = {
	id: '1',
	name: 'OpenAI Platform',
	type: 'n8n-nodes-openai-platform.openAiPlatform',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};
const SECRET = 'sk-proj-abcdefghijklmnopqrstuvwxyz0123456789';

function context(overrides: Partial<ErrorContext> = {}): ErrorContext {
	return {
		node,
		itemIndex: 3,
		credentialType: PLATFORM_CREDENTIAL,
		keyKind: 'project',
		secrets: [SECRET],
		baseURL: 'https://api.openai.com/v1',
		timeoutMs: 60000,
		maxRetries: 2,
		...overrides,
	};
}

function apiError(status: number, error: Record<string, unknown>, requestId = 'req_123') {
	return OpenAI.APIError.generate(status, { error }, undefined, new Headers({ 'x-request-id': requestId }));
}

function mapped(error: unknown, ctx = context()): NodeApiError {
	const result = toNodeError(error, ctx);
	expect(result).toBeInstanceOf(NodeApiError);
	return result as NodeApiError;
}

function everyText(error: NodeApiError | NodeOperationError): string {
	return JSON.stringify({
		message: error.message,
		description: error.description,
		context: error.context,
		cause: (error as { cause?: unknown }).cause,
		messages: (error as { messages?: unknown }).messages,
		stack: error.stack,
	});
}

describe('toNodeError: OpenAI API errors become NodeApiErrors with a hint', () => {
	it('invalid key: OpenAI message, 401, item index, and the echoed key is redacted', () => {
		const error = mapped(
			apiError(401, {
				message: `Incorrect API key provided: sk-proj-****************************6789. You can find your API key at https://platform.openai.com/account/api-keys.`,
				type: 'invalid_request_error',
				code: 'invalid_api_key',
				param: null,
			}),
		);
		expect(error.message).toMatch(/^OpenAI: Incorrect API key provided/);
		expect(error.httpCode).toBe('401');
		expect(error.context.itemIndex).toBe(3);
		expect(error.description).toMatch(/wrong, revoked, expired/);
		expect(error.description).toMatch(/req_123/);
		expect(everyText(error)).not.toMatch(/sk-proj-\*/);
		expect(everyText(error)).not.toContain(SECRET);
	});

	it('admin key on a non-admin endpoint: says which key goes where', () => {
		const error = mapped(
			apiError(401, { message: 'Incorrect API key provided: sk-admi***0003.', code: 'invalid_api_key' }),
			context({ keyKind: 'admin' }),
		);
		expect(error.description).toMatch(/Admin key \(sk-admin-…\)/);
		expect(error.description).toMatch(/project API key \(sk-proj-…\)/);
	});

	it('project key on the admin credential: asks for an Admin key', () => {
		const error = mapped(
			apiError(401, { message: 'Incorrect API key provided', code: 'invalid_api_key' }),
			context({ credentialType: ADMIN_CREDENTIAL, keyKind: 'project' }),
		);
		expect(error.description).toMatch(/need an Admin key \(sk-admin-…\)/);
		expect(error.description).toMatch(/admin-keys/);
	});

	it('missing scope: names the scope and the key type', () => {
		const error = mapped(
			apiError(403, {
				message:
					"You have insufficient permissions for this operation. Missing scopes: api.usage.read. Check that you have the correct role in your organization, and if you're using a restricted API key, that it has the necessary scopes.",
				type: 'invalid_request_error',
			}),
			context({ credentialType: ADMIN_CREDENTIAL, keyKind: 'admin' }),
		);
		expect(error.httpCode).toBe('403');
		expect(error.description).toMatch(/lacks the scope api\.usage\.read/);
		expect(error.description).toMatch(/Read only/);
	});

	it('management scope has its own advice', () => {
		const error = mapped(
			apiError(403, { message: 'You have insufficient permissions for this operation. Missing scopes: api.management.read.' }),
			context({ credentialType: ADMIN_CREDENTIAL, keyKind: 'admin' }),
		);
		expect(error.description).toMatch(/api\.management\.read/);
		expect(error.description).toMatch(/Organization Administration/);
	});

	it('quota exhausted is not a rate limit', () => {
		const quota = mapped(
			apiError(429, {
				message: 'You exceeded your current quota, please check your plan and billing details.',
				type: 'insufficient_quota',
				code: 'insufficient_quota',
			}),
		);
		expect(quota.description).toMatch(/Quota exhausted/);
		expect(quota.description).toMatch(/Retrying does not help/);

		const rate = mapped(
			apiError(429, {
				message: 'Rate limit reached for requests per min (RPM): Limit 600, Used 600, Requested 1.',
				type: 'requests',
				code: 'rate_limit_exceeded',
			}),
		);
		expect(rate.description).toMatch(/Rate limited/);
		expect(rate.description).toMatch(/retried 2 times/);
		expect(rate.description).not.toMatch(/Quota/);
	});

	it('model not found', () => {
		const error = mapped(
			apiError(404, {
				message: "The model 'gpt-9' does not exist",
				type: 'invalid_request_error',
				param: 'model',
				code: 'model_not_found',
			}),
		);
		expect(error.httpCode).toBe('404');
		expect(error.description).toMatch(/model does not exist or this key has no access/);
	});

	it('bad request names the parameter', () => {
		const error = mapped(apiError(400, { message: "Invalid value for 'limit'.", param: 'limit', type: 'invalid_request_error' }));
		expect(error.description).toMatch(/'limit'/);
	});

	it('a redirect asks for the final Base URL', () => {
		const error = mapped(apiError(301, { message: 'Moved Permanently' }));
		expect(error.description).toMatch(/answers with a redirect \(301\).*final address/);
	});

	it('server error', () => {
		const error = mapped(apiError(503, { message: 'The server had an error while processing your request.', type: 'server_error' }));
		expect(error.httpCode).toBe('503');
		expect(error.description).toMatch(/server error \(503\).*retried 2 times/);
	});
});

describe('toNodeError: transport failures', () => {
	it('timeout says how long', () => {
		const error = mapped(new OpenAI.APIConnectionTimeoutError());
		expect(error.message).toMatch(/did not answer in time after 60000 ms/);
	});

	it('connection error unwraps the cause', () => {
		const cause = new Error('connect ECONNREFUSED 127.0.0.1:1');
		const error = mapped(new OpenAI.APIConnectionError({ cause }));
		// n8n's NodeApiError swaps well-known codes for its own wording and keeps ours in `messages`.
		expect(error.message).toMatch(/refused the connection/);
		expect(error.messages.join(' ')).toMatch(/Could not connect to https:\/\/api\.openai\.com\/v1: connect ECONNREFUSED/);
		expect(error.description).toMatch(/did not reach OpenAI; the request was retried 2 times/);
	});

	it('a refusal by allowed domains is reported as such, not as a flaky connection', () => {
		const refusal = new Error(
			'Domain not allowed: This credential is restricted from accessing api.openai.com. Only the following domains are allowed: example.com',
		);
		const aborted = new OpenAI.APIUserAbortError();
		Object.defineProperty(aborted, 'cause', { value: refusal });
		const error = mapped(aborted);
		expect(error.message).toMatch(/^Domain not allowed/);
		expect(error.description).toMatch(/Allowed HTTP Request Domains/);
	});

	it('a user abort is a cancellation', () => {
		const result = toNodeError(new OpenAI.APIUserAbortError(), context());
		expect(result).toBeInstanceOf(ExecutionCancelledError);
	});

	it('NodeOperationErrors pass through untouched', () => {
		const original = new NodeOperationError(node, 'bad input', { itemIndex: 1 });
		expect(toNodeError(original, context())).toBe(original);
	});

	it('no message ever carries the key, whatever the error says', () => {
		const leaky = new Error(`boom ${SECRET} and Bearer ${SECRET}`);
		const result = toNodeError(leaky, context());
		expect(everyText(result)).not.toContain(SECRET);
		const api = mapped(apiError(500, { message: `oops ${SECRET}` }));
		expect(everyText(api)).not.toContain(SECRET);
	});
});
