import type { FakeOpenAi } from '../fake-openai';
import { FAKE_KEYS } from '../fake-openai';
import { VALID_BATCH } from './answers';
import type { Answer, Script } from './server';

/**
 * Healthy answers, for the combinations where the server recovers ("500 then valid") and for the
 * requests a family makes before the one under attack: the request is passed on to the fake OpenAI
 * API (test/fake-openai, checked against OpenAI's spec) with one of the fake's keys instead of the
 * caller's, and its answer handed back as it came.
 */
export function proxyTo(fake: FakeOpenAi): Answer {
	return async (request): Promise<Script> => {
		const admin = request.path.startsWith('/v1/organization') || request.path.startsWith('/v1/fine_tuning/checkpoints/');
		const headers: Record<string, string> = { authorization: `Bearer ${admin ? FAKE_KEYS.admin : FAKE_KEYS.project}` };
		for (const name of ['content-type', 'accept']) {
			const value = request.headers[name];
			if (typeof value === 'string') headers[name] = value;
		}
		const hasBody = request.method !== 'GET' && request.method !== 'HEAD' && request.bodySize > 0;
		const response = await fetch(`${fake.origin}${request.path}${request.query ? `?${request.query}` : ''}`, {
			method: request.method,
			headers,
			body: hasBody ? new Uint8Array(request.body) : undefined,
		});
		const answerHeaders: Record<string, string> = {};
		response.headers.forEach((value, name) => {
			// fetch decoded the body and knows its length; the rest is passed on
			if (!['content-encoding', 'content-length', 'transfer-encoding', 'connection', 'keep-alive'].includes(name)) answerHeaders[name] = value;
		});
		return { status: response.status, headers: answerHeaders, body: Buffer.from(await response.arrayBuffer()) };
	};
}

/** Batch → Get: a completed batch with an output file (the fake has no finished batch to offer). */
export const validBatch: Answer = () => ({ status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify(VALID_BATCH) });

/** The batch's output file: one result line for item 0. */
export const validBatchResults: Answer = () => ({
	status: 200,
	headers: { 'content-type': 'application/octet-stream' },
	body: `${JSON.stringify({
		id: 'batch_req_1',
		custom_id: 'item-0',
		response: {
			status_code: 200,
			request_id: 'req_1',
			body: {
				id: 'chatcmpl-1',
				object: 'chat.completion',
				created: 1_760_000_050,
				model: 'gpt-4o-mini',
				choices: [{ index: 0, message: { role: 'assistant', content: 'Hi', refusal: null }, finish_reason: 'stop', logprobs: null }],
				usage: { prompt_tokens: 3, completion_tokens: 1, total_tokens: 4 },
			},
		},
		error: null,
	})}\n`,
});
