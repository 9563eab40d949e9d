import { Container } from '@n8n/di';
import { PollContext, PollTriggerExecutor, TriggersAndPollers } from 'n8n-core';
import type {
	IDataObject,
	INode,
	INodeExecutionData,
	IWorkflowBase,
	Workflow,
	WorkflowActivateMode,
} from 'n8n-workflow';
import { UserError, isSubMinuteCron, toCronExpression } from 'n8n-workflow';

import { withClock } from './clock';
import type { HarnessContext } from './context';
import { createHarnessContext, nextExecutionId } from './context';
import type { PollOptions, PollResult, WorkflowJson } from './types';
import { copyStaticData, createWorkflow, persistStaticData, toWorkflowData } from './workflow';

/** n8n-core's PollContext default for legacy (non-scheduler) polls: 5 minutes. */
const legacyPollBudgetMs = 5 * 60 * 1000;

type PollTimes = { item?: Array<Parameters<typeof toCronExpression>[0]> };

/**
 * A poll trigger of an activated workflow, as n8n 2.41 runs it in its default (legacy) mode.
 *
 * - `activate()`: what publishing the workflow (or n8n's start-up, `'init'`) does: a new in-memory
 *   Workflow from the persisted static data, one immediate poll (errors fail the activation), then
 *   `saveStaticData(workflow)`, which persists changes even when poll() returned null.
 * - `poll()`: one scheduled tick on the same in-memory Workflow. Static data is persisted only when
 *   poll() returns items (`__emit` → `saveStaticData`); after a null result the changes live only in
 *   the in-memory Workflow and are seen by later ticks until a restart.
 * - `restart()`: drops the in-memory Workflow (an n8n restart / deactivation). The next `poll()` builds
 *   a new one from the persisted static data; call `activate('init')` to also run the start-up poll.
 *
 * With `durableScheduler` (n8n's durable scheduler with durable cursors, n8n 2.41 —
 * poll-trigger-task-handler.js, trigger-execution-context.factory.js, poll-cursor.service.js):
 * - every poll builds its Workflow from the persisted cursor (nothing is carried in memory);
 * - `activate()`: the activation poll (n8n's `executePollTrigger(true)`, legacy budget) persists its
 *   cursor only when it emits; a null result keeps nothing;
 * - `poll()`: a scheduled task with `getPollBudgetMs()` = min(timeout, lease) − margin, raced against
 *   the poll timeout: a poll that loses is abandoned (its result and cursor thrown away); otherwise
 *   the cursor is persisted whether or not it emitted.
 *
 * The downstream workflow that n8n would start on emit is not executed.
 */
export class PollSession {
	private workflow?: Workflow;
	private activation: WorkflowActivateMode = 'activate';
	private pollBudgetMs: number;
	private readonly workflowData: IWorkflowBase;

	constructor(
		workflowJson: WorkflowJson,
		private readonly nodeName: string,
		private readonly options: PollOptions,
	) {
		this.workflowData = toWorkflowData(workflowJson);
		this.pollBudgetMs = options.pollBudgetMs ?? (options.durableScheduler ? durablePollBudgetMs(options.durableScheduler) : legacyPollBudgetMs);
	}

	/** The persistent static data (n8n's database copy). */
	get staticData(): IDataObject {
		return this.options.staticData;
	}

	/** Copy of the in-memory Workflow's static data, or undefined when not active. */
	get inMemoryStaticData(): IDataObject | undefined {
		return this.workflow ? copyStaticData(this.workflow.staticData) : undefined;
	}

	get isActive(): boolean {
		return this.workflow !== undefined;
	}

	/** What `this.getPollBudgetMs()` returns from the next poll on. */
	setPollBudgetMs(ms: number) {
		this.pollBudgetMs = ms;
	}

	restart() {
		this.workflow = undefined;
	}

	async activate(activation: WorkflowActivateMode = 'activate'): Promise<PollResult> {
		this.workflow = undefined;
		this.activation = activation;
		if (this.options.durableScheduler) return await this.runDurableTick(true);
		return await this.runTick(true);
	}

	async poll(): Promise<PollResult> {
		if (this.options.durableScheduler) return await this.runDurableTick(false);
		return await this.runTick(false);
	}

	/** One poll as n8n's durable scheduler runs it (see the class comment). */
	private async runDurableTick(isActivation: boolean): Promise<PollResult> {
		const durable = this.options.durableScheduler as { pollTimeoutMs: number };
		const context = await createHarnessContext(this.options);
		try {
			this.workflow = undefined;
			const workflow = createWorkflow(this.workflowData, context.registry.nodeTypes, {
				staticData: copyStaticData(this.options.staticData),
				active: true,
			});
			const node = this.getPollNode(workflow, context);
			if (isActivation) assertPollTimesAllowed(node);
			const additionalData = context.createAdditionalData({ executionId: nextExecutionId(), workflowId: workflow.id });
			const budgetMs = isActivation ? legacyPollBudgetMs : this.pollBudgetMs;
			const pollFunctions = new PollContext(
				workflow,
				node,
				additionalData,
				'trigger',
				isActivation ? this.activation : 'update',
				undefined,
				undefined,
				undefined,
				undefined,
				undefined,
				() => budgetMs,
			);
			const run = withClock(this.options.now, async () => await Container.get(TriggersAndPollers).runPollFunction(workflow, node, pollFunctions));
			let items: INodeExecutionData[][] | null = null;
			let timedOut = false;
			if (isActivation) {
				items = (await run) ?? null;
			} else {
				let timer: NodeJS.Timeout | undefined;
				const timeout = new Promise<'timeout'>((resolve) => {
					timer = setTimeout(() => resolve('timeout'), durable.pollTimeoutMs);
				});
				const outcome = await Promise.race([run, timeout]).finally(() => clearTimeout(timer));
				if (outcome === 'timeout') {
					timedOut = true;
					await run.catch(() => undefined); // n8n lets it run on, and ignores it
				} else {
					items = outcome ?? null;
				}
			}
			// The staged cursor: committed with an emitted execution, or alone after a scheduled null poll.
			const persisted = !timedOut && (items !== null || !isActivation) && this.saveStaticData(workflow);
			return {
				items,
				staticData: this.options.staticData,
				persisted,
				timedOut,
				inMemoryStaticData: copyStaticData(workflow.staticData),
				httpRequests: context.httpRequests,
				logs: context.logs,
			};
		} finally {
			context.finish();
		}
	}

	private async runTick(isActivation: boolean): Promise<PollResult> {
		const context = await createHarnessContext(this.options);
		try {
			const workflow = this.ensureWorkflow(context);
			const node = this.getPollNode(workflow, context);
			if (isActivation) assertPollTimesAllowed(node);

			let items: INodeExecutionData[][] | null = null;
			let persisted = false;
			let pollError: Error | undefined;
			const additionalData = context.createAdditionalData({
				executionId: nextExecutionId(),
				workflowId: workflow.id,
			});
			const pollFunctions = new PollContext(
				workflow,
				node,
				additionalData,
				'trigger',
				this.activation,
				(data) => {
					items = data;
					persisted = this.saveStaticData(workflow) || persisted;
				},
				(error) => {
					pollError = error;
				},
				undefined,
				undefined,
				undefined,
				() => this.pollBudgetMs,
			);
			const executePoll = Container.get(PollTriggerExecutor).create(
				workflow,
				node,
				pollFunctions,
				() => true,
			);

			await withClock(this.options.now, async () => await executePoll(isActivation));
			if (pollError) throw pollError;
			// ActiveWorkflowManager / WorkflowTriggerActivator save static data after activating.
			if (isActivation) persisted = this.saveStaticData(workflow) || persisted;

			return {
				items,
				staticData: this.options.staticData,
				persisted,
				inMemoryStaticData: copyStaticData(workflow.staticData),
				httpRequests: context.httpRequests,
				logs: context.logs,
			};
		} catch (error) {
			if (isActivation) this.workflow = undefined;
			throw error;
		} finally {
			context.finish();
		}
	}

	private ensureWorkflow(context: HarnessContext): Workflow {
		this.workflow ??= createWorkflow(this.workflowData, context.registry.nodeTypes, {
			staticData: this.options.staticData,
			active: true,
		});
		return this.workflow;
	}

	private getPollNode(workflow: Workflow, context: HarnessContext): INode {
		const node = workflow.getNode(this.nodeName);
		if (!node) throw new UserError(`Harness: node "${this.nodeName}" is not in the workflow`);
		const nodeType = context.registry.nodeTypes.getByNameAndVersion(node.type, node.typeVersion);
		if (!nodeType.poll) throw new UserError(`Harness: node "${this.nodeName}" is not a polling node`);
		return node;
	}

	/** WorkflowStaticDataService.saveStaticData: writes only when something changed. */
	private saveStaticData(workflow: Workflow): boolean {
		if (workflow.staticData.__dataChanged !== true) return false;
		persistStaticData(this.options.staticData, workflow.staticData);
		workflow.staticData.__dataChanged = false;
		return true;
	}
}

/** TriggerExecutionContextFactory.getExecutePollFunctions: min(timeout, lease) minus a margin. */
function durablePollBudgetMs({ pollTimeoutMs, leaseMs = 60_000 }: { pollTimeoutMs: number; leaseMs?: number }): number {
	const ceilingMs = Math.min(pollTimeoutMs, leaseMs);
	const marginMs = Math.min(Math.max(0.2 * ceilingMs, 5_000), ceilingMs / 2);
	return ceilingMs - marginMs;
}

/** ActiveWorkflowTriggers.activatePollTrigger refuses poll times under a minute. */
function assertPollTimesAllowed(node: INode) {
	const pollTimes = node.parameters.pollTimes as PollTimes | undefined;
	const cronExpressions = (pollTimes?.item ?? []).map(toCronExpression);
	if (cronExpressions.some(isSubMinuteCron)) {
		throw new UserError('The polling interval is too short. It has to be at least a minute.');
	}
}

export function createPollSession(
	workflowJson: WorkflowJson,
	nodeName: string,
	options: PollOptions,
): PollSession {
	return new PollSession(workflowJson, nodeName, options);
}
