import { PACKAGE_NAME } from './communityPackage';
import type { ExampleNode, ExampleWorkflow } from './examples';

export const USAGE_TRIGGER_NAME = 'openAiUsageTrigger';
export const USAGE_TRIGGER_TYPE = `${PACKAGE_NAME}.${USAGE_TRIGGER_NAME}`;
/**
 * A poll every 5 s, so the e2e sees several polls within seconds. n8n 2.41 refuses a sub-minute cron
 * such as `*\/5 * * * * *` ("The polling interval is too short"), but accepts several poll times, each
 * an every-minute cron at its own second: twelve of them make a 5-second tick.
 */
export const FAST_POLL_TIMES = Array.from({ length: 12 }, (_, i) => ({ mode: 'custom', cronExpression: `${i * 5} * * * * *` }));

export function usageTriggerNodes(workflow: ExampleWorkflow): ExampleNode[] {
	return workflow.nodes.filter((node) => node.type === USAGE_TRIGGER_TYPE);
}

export function isUsageTriggerExample(workflow: ExampleWorkflow): boolean {
	return usageTriggerNodes(workflow).length > 0;
}

/** A copy of the workflow whose usage triggers poll every 5 seconds (n8n's `pollTimes` custom mode). */
export function withFastPolling(workflow: ExampleWorkflow): ExampleWorkflow {
	return withTriggerParameters(workflow, (parameters) => ({ ...parameters, pollTimes: { item: FAST_POLL_TIMES } }));
}

/** A copy of the workflow with its usage triggers' parameters changed by `change`. */
export function withTriggerParameters(
	workflow: ExampleWorkflow,
	change: (parameters: Record<string, unknown>) => Record<string, unknown>,
): ExampleWorkflow {
	return {
		...workflow,
		nodes: workflow.nodes.map((node) =>
			node.type === USAGE_TRIGGER_TYPE ? { ...node, parameters: change({ ...(node.parameters ?? {}) }) } : node,
		),
	};
}
