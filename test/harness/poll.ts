import type { INodeExecutionData, Workflow } from 'n8n-workflow';
import { UserError } from 'n8n-workflow';

import { withClock } from './clock';
import { createPollSession } from './poll-session';
import { runWorkflow } from './run-workflow';
import type { PollOptions, PollResult, RunPollOptions, WorkflowJson } from './types';
import { copyStaticData } from './workflow';

/**
 * The editor's "Fetch test event": a manual execution that stops at the poll node
 * (WorkflowExecute.executePollNode → PollContext in mode 'manual'). Static data is never saved.
 */
async function fetchTestEvent(
	workflowJson: WorkflowJson,
	nodeName: string,
	options: PollOptions,
): Promise<PollResult> {
	let workflow: Workflow | undefined;
	const result = await withClock(options.now, async () =>
		await runWorkflow(workflowJson, {
			packageDir: options.packageDir,
			nodeTypes: options.nodeTypes,
			credentialTypes: options.credentialTypes,
			credentials: options.credentials,
			staticData: options.staticData,
			mode: 'manual',
			startNode: nodeName,
			destinationNode: nodeName,
			onWorkflowCreated: (created) => {
				workflow = created;
			},
		}),
	);
	if (result.status === 'error') {
		throw result.nodeError(nodeName) ?? result.error ?? new UserError('Harness: the poll failed');
	}
	const task = result.run.data.resultData.runData[nodeName]?.[0];
	return {
		items: task?.data?.main ? (task.data.main as INodeExecutionData[][]) : null,
		staticData: options.staticData,
		persisted: false,
		inMemoryStaticData: workflow ? copyStaticData(workflow.staticData) : {},
		httpRequests: result.httpRequests,
		logs: result.logs,
	};
}

/**
 * One poll of `nodeName`.
 * - `mode: 'manual'`: the editor's "Fetch test event" (never persists static data).
 * - `mode: 'trigger'`: one scheduled tick of a freshly activated workflow built from the persisted
 *   static data (persists only when poll() emits), or with `activation: true` the poll n8n runs on
 *   activation (persists whenever static data changed). Use `createPollSession` to keep the in-memory
 *   workflow between polls.
 */
export async function runPoll(
	workflowJson: WorkflowJson,
	nodeName: string,
	options: RunPollOptions,
): Promise<PollResult> {
	if (options.mode === 'manual') return await fetchTestEvent(workflowJson, nodeName, options);
	const session = createPollSession(workflowJson, nodeName, options);
	return options.activation ? await session.activate() : await session.poll();
}
