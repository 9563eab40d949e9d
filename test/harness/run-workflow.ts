import { setTimeout as delay } from 'node:timers/promises';

import { ExecutionLifecycleHooks, WorkflowExecute } from 'n8n-core';
import type {
	ExecutionError,
	ExecutionStatus,
	INodeExecutionData,
	IRun,
	ITaskData,
	Workflow,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { UserError, createRunExecutionData } from 'n8n-workflow';

import { createHarnessContext, nextExecutionId } from './context';
import { createHarnessRun } from './run-result';
import type { HarnessRun, RunWorkflowOptions, WorkflowJson } from './types';
import { createWorkflow, persistStaticData, toWorkflowData } from './workflow';

type Execution = ReturnType<WorkflowExecute['run']>;

const defaultCancelGraceMs = 5000;
const cancelWhenIntervalMs = 5;

/** What n8n stores for an execution that failed before the engine started (e.g. workflow issues). */
function failedBeforeStart(error: Error, mode: WorkflowExecuteMode): IRun {
	const now = new Date();
	return {
		data: createRunExecutionData({
			resultData: {
				error: {
					...error,
					message: error.message,
					stack: error.stack,
				} as unknown as ExecutionError,
				runData: {},
			},
		}),
		mode,
		startedAt: now,
		stoppedAt: now,
		status: 'error',
		finished: false,
		storedAt: 'db',
	};
}

/** The task data WorkflowExecute.run() takes the start node's input from (`triggerToStartFrom`). */
function startTaskData(items: INodeExecutionData[][]): ITaskData {
	return {
		startTime: Date.now(),
		executionIndex: 0,
		executionTime: 0,
		source: [],
		data: { main: items },
	};
}

interface Settled {
	run?: IRun;
	cancellation?: HarnessRun['cancellation'];
}

/**
 * Waits for the engine, pressing "Stop" like n8n's ActiveExecutions.stopExecution does:
 * `execution.cancel()` on the PCancelable returned by WorkflowExecute.
 */
async function awaitExecution(
	execution: Execution,
	options: RunWorkflowOptions,
	startedAt: number,
): Promise<Settled> {
	let requestedAt: number | undefined;
	let graceTimer: NodeJS.Timeout | undefined;
	let onGraceExpired: () => void = () => {};
	const graceExpired = new Promise<'grace-expired'>((resolve) => {
		onGraceExpired = () => resolve('grace-expired');
	});

	const pressStop = () => {
		if (requestedAt !== undefined) return;
		requestedAt = performance.now();
		execution.cancel();
		graceTimer = setTimeout(onGraceExpired, options.cancelGraceMs ?? defaultCancelGraceMs);
	};

	const cancelTimer =
		options.cancelAfterMs !== undefined ? setTimeout(pressStop, options.cancelAfterMs) : undefined;

	let settled = false;
	let cancelWhenError: unknown;
	const watchCancelWhen = async () => {
		const { cancelWhen } = options;
		if (!cancelWhen) return;
		while (!settled && requestedAt === undefined) {
			if (await cancelWhen(performance.now() - startedAt)) {
				if (!settled) pressStop();
				return;
			}
			await delay(cancelWhenIntervalMs);
		}
	};
	void watchCancelWhen().catch((error: unknown) => {
		// A throwing predicate stops the run, and its error is rethrown once the run ended.
		cancelWhenError = error;
		if (!settled) pressStop();
	});

	try {
		const outcome = await Promise.race([execution.then((run) => ({ run })), graceExpired]);
		if (cancelWhenError !== undefined) throw cancelWhenError;
		const run = outcome === 'grace-expired' ? undefined : outcome.run;
		const cancellation =
			requestedAt === undefined
				? undefined
				: { requestedAtMs: requestedAt - startedAt, settled: run !== undefined };
		return { run, cancellation };
	} finally {
		settled = true;
		clearTimeout(cancelTimer);
		clearTimeout(graceTimer);
	}
}

/** Harness-internal extras (not part of the public API). */
export interface InternalRunOptions extends RunWorkflowOptions {
	onWorkflowCreated?: (workflow: Workflow) => void;
}

/**
 * Runs editor-exported workflow JSON through n8n-core's WorkflowExecute with the real expression
 * engine, the real request helpers and an in-memory credentials helper.
 */
export async function runWorkflow(
	workflowJson: WorkflowJson,
	options: InternalRunOptions = {},
): Promise<HarnessRun> {
	const mode = options.mode ?? 'manual';
	const context = await createHarnessContext(options);
	try {
		const workflowData = toWorkflowData(workflowJson);
		const workflow = createWorkflow(workflowData, context.registry.nodeTypes, {
			staticData: options.staticData,
			active: mode !== 'manual',
		});
		options.onWorkflowCreated?.(workflow);

		const executionId = nextExecutionId();
		const hooks = new ExecutionLifecycleHooks(mode, executionId, workflowData);
		let reported: { status: ExecutionStatus; run: IRun } | undefined;
		hooks.addHandler('workflowExecuteAfter', (fullRunData, newStaticData) => {
			// On "Stop" this runs at once with status 'canceled'; that is what n8n records.
			reported ??= { status: fullRunData.status, run: fullRunData };
			// n8n's hookFunctionsSave: static data is saved unless the execution is manual.
			if (mode !== 'manual' && newStaticData && options.staticData) {
				persistStaticData(options.staticData, newStaticData);
			}
		});
		const additionalData = context.createAdditionalData({
			executionId,
			workflowId: workflowData.id,
			hooks,
		});

		const startNode = options.startNode ? workflow.getNode(options.startNode) : undefined;
		if (options.startNode && !startNode) {
			throw new UserError(`Harness: start node "${options.startNode}" is not in the workflow`);
		}
		if (options.startItems && !startNode) {
			throw new UserError('Harness: "startItems" needs "startNode"');
		}
		const triggerToStartFrom =
			startNode && options.startItems
				? { name: startNode.name, data: startTaskData(options.startItems) }
				: undefined;
		const destinationNode = options.destinationNode
			? { nodeName: options.destinationNode, mode: 'inclusive' as const }
			: undefined;

		const startedAt = performance.now();
		let execution: Execution;
		try {
			execution = new WorkflowExecute(additionalData, mode).run({
				workflow,
				startNode: startNode ?? undefined,
				destinationNode,
				triggerToStartFrom,
				// Like n8n, pinned data only applies to manual executions.
				pinData: mode === 'manual' ? workflowData.pinData : undefined,
			});
		} catch (error) {
			return createHarnessRun({
				run: failedBeforeStart(error as Error, mode),
				status: 'error',
				durationMs: performance.now() - startedAt,
				httpRequests: context.httpRequests,
				logs: context.logs,
			});
		}

		const { run, cancellation } = await awaitExecution(execution, options, startedAt);
		const finalRun = run ?? reported?.run;
		if (!finalRun) throw new UserError('Harness: the execution ended without a result');
		return createHarnessRun({
			run: finalRun,
			status: reported?.status ?? finalRun.status,
			durationMs: performance.now() - startedAt,
			cancellation,
			httpRequests: context.httpRequests,
			logs: context.logs,
		});
	} finally {
		context.finish();
	}
}
