import assert from 'node:assert/strict';

import type { FakeOpenAi } from '../../../test/fake-openai';
import { DEMO_CREDENTIALS } from '../credentials';
import type { ExampleWorkflow } from '../examples';
import type { N8nRest } from '../n8nRest';
import { waitFor } from '../process';
import type { Report } from '../report';
import { RunView } from '../runView';
import type { QueueCluster } from './cluster';
import { FINISHED } from './workerExamples';

/**
 * Issue 12, "rate limits with many workers", in queue mode: the same 1,000-item chat workflow started
 * twice at once, run by the workers against one key limited to 2,400 requests/min (empty at the
 * start). Each execution paces itself by the key's x-ratelimit-* headers, which show what the other
 * one spends; no state is shared. The combined accepted rate must be ≥ 90 % of the granted rate and
 * no item may fail.
 */
export const RATE_LIMIT_WORKFLOW_ID = 'e2eSharedRateLimit';
/** 40 requests/s: the phase takes 50 s (the benchmark measures 1,200 RPM: docs/BENCHMARKS.md). */
const RPM = 2_400;
const ITEMS = 1_000;
const RUNS = 2;
const CHAT = 'Ask';

export function sharedRateLimitWorkflow(): ExampleWorkflow {
	return {
		id: RATE_LIMIT_WORKFLOW_ID,
		name: 'e2e: 1,000 chat items (shared rate limit)',
		nodes: [
			{ id: 'rl-1', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			{
				id: 'rl-2',
				name: 'Questions',
				type: 'n8n-nodes-base.code',
				typeVersion: 2,
				position: [220, 0],
				parameters: { jsCode: `return Array.from({ length: ${ITEMS} }, (_, i) => ({ json: { question: 'Summarise row ' + i } }));` },
			},
			{
				id: 'rl-3',
				name: CHAT,
				type: 'n8n-nodes-openai-platform.openAiPlatform',
				typeVersion: 1,
				position: [440, 0],
				continueOnFail: true,
				parameters: {
					resource: 'chat',
					operation: 'message',
					modelId: { __rl: true, mode: 'id', value: 'gpt-4o-mini' },
					messages: { values: [{ role: 'user', content: '={{ $json.question }}' }] },
				},
				credentials: { openAiPlatformApi: DEMO_CREDENTIALS.openAiPlatformApi },
			},
		],
		connections: {
			Start: { main: [[{ node: 'Questions', type: 'main', index: 0 }]] },
			Questions: { main: [[{ node: CHAT, type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1' },
	} as unknown as ExampleWorkflow;
}

export async function runSharedRateLimitPhase(context: { cluster: QueueCluster; rest: N8nRest; fake: FakeOpenAi; report: Report }): Promise<void> {
	const { cluster, rest, fake, report } = context;
	await report.check(`${RUNS} × ${ITEMS.toLocaleString('en')} chat items at once on the workers, one key limited to ${RPM.toLocaleString('en')} RPM: ≥ 90 % of the granted rate, 0 failed items`, async () => {
		fake.reset();
		fake.setRateLimit({ rpm: RPM, initialFill: 0 });
		try {
			const ids = await Promise.all(
				Array.from({ length: RUNS }, async () => {
					const answer = await rest.post<{ executionId?: string }>(`/workflows/${RATE_LIMIT_WORKFLOW_ID}/run`, { triggerToStartFrom: { name: 'Start' } });
					if (!answer.executionId) throw new Error(`n8n started no execution: ${JSON.stringify(answer)}`);
					return answer.executionId;
				}),
			);
			for (const id of ids) {
				await waitFor(`execution ${id} to finish`, async () => (FINISHED((await rest.get<{ status: string }>(`/executions/${id}`)).status) ? true : undefined), 400_000, 1_000);
			}
			const chat = fake.requests.filter((r) => r.path === '/v1/chat/completions');
			const accepted = chat.filter((r) => r.status === 200);
			const rejected = chat.filter((r) => r.status === 429).length;
			const first = Math.min(...chat.map((r) => r.startedAt));
			const last = Math.max(...accepted.map((r) => r.startedAt));
			const share = accepted.length / ((last - first) / 1000) / (RPM / 60);
			let failed = 0;
			const workers: string[] = [];
			for (const id of ids) {
				const run = new RunView(await rest.executionRun(id));
				assert.equal(run.status, 'success', `execution ${id}: ${run.status ?? ''} ${run.error ?? ''}`);
				const items = run.json(CHAT);
				assert.equal(items.length, ITEMS, `execution ${id} answered ${items.length} of ${ITEMS} items`);
				failed += items.filter((item) => item.error !== undefined).length;
				workers.push(`${id}→${(await waitFor(`a worker's log to name execution ${id}`, async () => cluster.workerOf(id), 10_000, 200)) ?? '?'}`);
			}
			assert.equal(accepted.length, RUNS * ITEMS, `accepted chat requests: ${accepted.length}`);
			assert.equal(failed, 0, `${failed} failed items`);
			assert.ok(share >= 0.9, `combined accepted rate ${(share * 100).toFixed(1)} % of the granted rate (at least 90 %)`);
			return `${(share * 100).toFixed(1)} % of the granted ${RPM / 60} req/s, ${failed} failed items, ${rejected} 429s of ${chat.length} requests; executions ${workers.join(', ')}`;
		} finally {
			fake.setRateLimit(null);
		}
	});
}
