import assert from 'node:assert/strict';

import type { FakeOpenAi, RequestLogEntry } from '../../../test/fake-openai';
import type { N8nBinary } from '../n8n';
import type { RunView } from '../runView';

/** What an example's expectation gets after `n8n execute` ran it. */
export interface ExampleContext {
	run: RunView;
	/** the bytes of a binary property of an output item (inline, or from n8n's binary data folder) */
	bytes: (binary: N8nBinary | undefined) => Buffer;
	/** what the fake OpenAI API received during this example's execution (and nothing before) */
	requests: readonly RequestLogEntry[];
	fake: FakeOpenAi;
}

export type Expectation = (context: ExampleContext) => void;

/** What a usage-trigger example's expectation gets after `n8n start` polled a few times. */
export interface TriggerContext {
	/** every execution the published workflow had, oldest first */
	runs: RunView[];
	triggerName: string;
	requests: readonly RequestLogEntry[];
	fake: FakeOpenAi;
}

export type TriggerExpectation = (context: TriggerContext) => void;

export const DAY_MS = 86_400_000;

export function countCalls(requests: readonly RequestLogEntry[], method: string, path: RegExp): number {
	return requests.filter((r) => r.method === method && path.test(r.path)).length;
}

/** Money compared to the cent. */
export function assertClose(actual: unknown, expected: number, what: string): void {
	assert.ok(Math.abs(Number(actual) - expected) < 0.011, `${what}: ${String(actual)} ≠ ${expected.toFixed(4)}`);
}
