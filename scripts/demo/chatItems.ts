/**
 * Part 1 of `npm run demo`: many items through Chat → Message a Model, once one request at a time
 * and once with the node's default concurrency, in n8n's engine (test/harness). Every figure is
 * measured in this run: the node's execution time as n8n records it, and (on the fake API) the most
 * requests the server held at once.
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import type { FakeOpenAi } from '../../test/fake-openai';
import { runWorkflow, type HarnessRun } from '../../test/harness';
import { workflow } from '../../test/node/workflows';

export const NODE_NAME = 'Answer each ticket';

export interface ChatTarget {
	credential: { apiKey: string; url: string };
	model: string;
	/** The embedded fake, when the demo runs against it (gives the in-flight count). */
	fake?: FakeOpenAi;
}

export interface ChatPass {
	concurrency: number | 'default';
	items: INodeExecutionData[];
	/** The node's execution time as n8n records it. */
	nodeMs: number;
	/** Most requests the fake held at once (undefined against the real API). */
	maxInFlight?: number;
}

const TOPICS = ['my parcel is late', 'I was charged twice', 'the app logs me out', 'I want to change my address', 'the colour differs from the photo'];

/** Support tickets as they might come from a helpdesk export: one item each. */
export function tickets(count: number): IDataObject[] {
	return Array.from({ length: count }, (_, index) => ({
		ticket: `T-${String(1001 + index)}`,
		text: `Ticket ${index + 1}: ${TOPICS[index % TOPICS.length]}. Please help.`,
	}));
}

function chatNode(model: string, concurrency: number | 'default') {
	return {
		name: NODE_NAME,
		parameters: {
			resource: 'chat',
			operation: 'message',
			modelId: { __rl: true, mode: 'id', value: model },
			messages: {
				values: [
					{ role: 'system', content: 'You answer customer support tickets in one short sentence.' },
					{ role: 'user', content: '={{ $json.text }}' },
				],
			},
			options: { maxTokens: 60 },
			requestOptions: concurrency === 'default' ? { maxRetries: 2 } : { concurrency, maxRetries: 2 },
		},
	};
}

/** Runs the items through the node once and measures it. */
export async function runChatPass(target: ChatTarget, inputs: IDataObject[], concurrency: number | 'default'): Promise<ChatPass> {
	const stopWatching = watchInFlight(target.fake);
	let run: HarnessRun;
	let maxInFlight: number | undefined;
	try {
		run = await runWorkflow(workflow({ items: inputs, nodes: [chatNode(target.model, concurrency)] }), {
			credentials: { openAiPlatformApi: target.credential },
		});
	} finally {
		maxInFlight = stopWatching();
	}
	// any failed item fails the run (Continue On Fail is off), so a success means every item was answered
	if (run.status !== 'success') {
		throw new Error(`the workflow ended with status ${run.status}: ${run.error?.message ?? 'no error message'}`);
	}
	const items = run.output(NODE_NAME);
	const nodeMs = run.run.data.resultData.runData[NODE_NAME][0].executionTime;
	return { concurrency, items, nodeMs, maxInFlight };
}

/**
 * Watches how many answers the fake holds at once (each request waits out the fake's latency there),
 * sampled every 2 ms while a pass runs: the most requests in flight the server saw.
 */
function watchInFlight(fake: FakeOpenAi | undefined): () => number | undefined {
	if (!fake) return () => undefined;
	let most = 0;
	const sample = () => {
		most = Math.max(most, fake.diagnostics().heldResponses);
	};
	const timer = setInterval(sample, 2);
	return () => {
		clearInterval(timer);
		sample();
		return most;
	};
}

/** Whether output item i answers input item i, for every item (order and pairing kept). */
export function inInputOrder(pass: ChatPass, inputCount: number): boolean {
	return pass.items.length === inputCount && pass.items.every((item, index) => pairedIndex(item) === index);
}

function pairedIndex(item: INodeExecutionData): number | undefined {
	const paired = Array.isArray(item.pairedItem) ? item.pairedItem[0] : item.pairedItem;
	return typeof paired === 'object' ? paired.item : paired;
}

export interface TokenTotals {
	input: number;
	output: number;
	total: number;
}

export function tokenTotals(items: INodeExecutionData[]): TokenTotals {
	const totals = { input: 0, output: 0, total: 0 };
	for (const item of items) {
		const usage = (item.json.usage ?? {}) as { input_tokens?: number; output_tokens?: number; total_tokens?: number };
		totals.input += usage.input_tokens ?? 0;
		totals.output += usage.output_tokens ?? 0;
		totals.total += usage.total_tokens ?? 0;
	}
	return totals;
}
