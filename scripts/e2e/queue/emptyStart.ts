import assert from 'node:assert/strict';

import { DEMO_CREDENTIALS } from '../credentials';
import type { ExampleWorkflow } from '../examples';
import type { N8nRest } from '../n8nRest';
import { waitFor } from '../process';
import type { Report } from '../report';
import { RunView } from '../runView';
import { USAGE_TRIGGER_TYPE } from '../usageTriggerWorkflow';
import type { QueueCluster } from './cluster';
import { publish } from './publish';
import { FINISHED } from './workerExamples';

/**
 * Issue 12's first defect, in a real n8n on the durable scheduler: a Usage Trigger with an empty Start
 * Time ("from when the workflow is activated"). The scheduler keeps nothing of the activation poll, so
 * the first scheduled poll finds no state; the bucket in which the workflow was published must still
 * be emitted (1m buckets, Zero-Fill, so that every minute has a row whatever the fake's usage).
 * Started before the slow phases and checked after them, so its minutes of waiting overlap theirs.
 */
export const EMPTY_START_WORKFLOW_ID = 'e2eEmptyStartTime';
const TRIGGER = 'Usage from activation';

export function emptyStartWorkflow(): ExampleWorkflow {
	return {
		id: EMPTY_START_WORKFLOW_ID,
		name: 'e2e: usage trigger with an empty Start Time',
		nodes: [
			{
				id: 'es-1',
				name: TRIGGER,
				type: USAGE_TRIGGER_TYPE,
				typeVersion: 1,
				position: [0, 0],
				parameters: {
					pollTimes: { item: [{ mode: 'everyMinute' }] },
					queryType: 'completions',
					bucketWidth: '1m',
					options: { emptyBuckets: 'zero' },
				},
				credentials: { openAiAdminApi: DEMO_CREDENTIALS.openAiAdminApi },
			},
			{ id: 'es-2', name: 'Rows', type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [220, 0], parameters: {} },
		],
		connections: { [TRIGGER]: { main: [[{ node: 'Rows', type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
	} as unknown as ExampleWorkflow;
}

/** Publishes the workflow; returns the check to run later. */
export async function startEmptyStartPhase(context: { cluster: QueueCluster; rest: N8nRest; report: Report }): Promise<() => Promise<void>> {
	const { rest, report } = context;
	const publishedAt = Date.now();
	await publish(rest, EMPTY_START_WORKFLOW_ID);
	const activationMinute = Math.floor(publishedAt / 60_000) * 60;
	return async () => {
		await report.check('empty Start Time on the durable scheduler: the minute the workflow was published in is emitted', async () => {
			try {
				const buckets = new Set<number>();
				await waitFor(
					`the bucket ${new Date(activationMinute * 1000).toISOString()} to be emitted`,
					async () => {
						for (const execution of await rest.executions(EMPTY_START_WORKFLOW_ID)) {
							if (!FINISHED(execution.status)) continue;
							const run = new RunView(await rest.executionRun(execution.id));
							for (const row of run.json(TRIGGER)) buckets.add(Number(row.bucketStart));
						}
						return buckets.has(activationMinute) ? true : undefined;
					},
					Math.max(10_000, publishedAt + 200_000 - Date.now()),
					5_000,
				);
				const earliest = Math.min(...buckets);
				// One poll interval back from the first scheduled poll: at most the minute before.
				assert.ok(earliest >= activationMinute - 60, `a bucket from before activation was emitted: ${new Date(earliest * 1000).toISOString()}`);
				return `published ${new Date(publishedAt).toISOString()}; buckets emitted from ${new Date(earliest * 1000).toISOString()}, the activation minute included`;
			} finally {
				await rest.post(`/workflows/${EMPTY_START_WORKFLOW_ID}/deactivate`, {});
			}
		});
	};
}
