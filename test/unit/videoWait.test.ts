import type { INode } from 'n8n-workflow';

import { isBrokenBody } from '../../nodes/shared/engine/bodyRetries';
import { PLATFORM_CREDENTIAL } from '../../nodes/shared/transport/credentialTypes';
import { type ErrorContext, toNodeError } from '../../nodes/shared/transport/errors';
import { BodyReadError, BodyTimeoutError } from '../../nodes/shared/transport/unexpectedResponse';
import { retryAfterMs } from '../../nodes/shared/engine/pollUntil';

/**
 * Pure parts of Video's waiting: reading a server's retry-after, and the invariant that keeps a
 * broken download from creating (and paying for) a second video: once the download's own retries
 * are used up, its error is turned into the node's error, which the engine never runs again.
 */
const node: INode = { id: '1', name: 'OpenAI Platform', type: 'n8n-nodes-openai-platform.openAiPlatform', typeVersion: 1, position: [0, 0], parameters: {} };
const context: ErrorContext = { node, itemIndex: 0, credentialType: PLATFORM_CREDENTIAL, keyKind: 'project', secrets: [], baseURL: 'https://api.openai.com/v1', timeoutMs: 1000, maxRetries: 2 };

describe('retryAfterMs', () => {
	it.each([
		[{ 'retry-after-ms': '1500' }, 1500],
		[{ 'retry-after': '3' }, 3000],
		[{ 'retry-after': '0.25' }, 250],
		[{ 'retry-after-ms': 'soon', 'retry-after': '2' }, 2000],
		[{ 'retry-after': 'whenever' }, 0],
		[{}, 0],
	])('%j → %i ms', (headers, expected) => {
		expect(retryAfterMs(new Headers(headers))).toBe(expected);
	});

	it('reads an HTTP date as the time until then', () => {
		const ms = retryAfterMs(new Headers({ 'retry-after': new Date(Date.now() + 10_000).toUTCString() }));
		expect(ms).toBeGreaterThan(8_000);
		expect(ms).toBeLessThanOrEqual(10_000);
	});
});

describe('a broken download after a video was created', () => {
	it.each([
		['a body that stalled', new BodyTimeoutError(1000)],
		['a body that was cut off', new BodyReadError(200, 1234, 'cut', new Error('aborted'))],
	])('%s is a broken body, which the engine would run again…', (_name, error) => {
		expect(isBrokenBody(error)).toBe(true);
	});

	it.each([
		['a body that stalled', new BodyTimeoutError(1000)],
		['a body that was cut off', new BodyReadError(200, 1234, 'cut', new Error('aborted'))],
	])('…but the node error made of %s is not', (_name, error) => {
		const nodeError = toNodeError(error, context);
		expect(nodeError.name).toBe('NodeApiError');
		expect(isBrokenBody(nodeError)).toBe(false);
	});
});
