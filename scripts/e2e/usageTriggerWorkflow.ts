import { PACKAGE_NAME } from './communityPackage';
import type { ExampleNode, ExampleWorkflow } from './examples';

export const USAGE_TRIGGER_NAME = 'openAiUsageTrigger';
export const USAGE_TRIGGER_TYPE = `${PACKAGE_NAME}.${USAGE_TRIGGER_NAME}`;
/** Six-field cron (with seconds): a poll every 5 s, so the e2e sees several polls within seconds. */
export const FAST_POLL_CRON = '*/5 * * * * *';

export function usageTriggerNodes(workflow: ExampleWorkflow): ExampleNode[] {
	return workflow.nodes.filter((node) => node.type === USAGE_TRIGGER_TYPE);
}

export function isUsageTriggerExample(workflow: ExampleWorkflow): boolean {
	return usageTriggerNodes(workflow).length > 0;
}

/** A copy of the workflow whose usage triggers poll every 5 seconds (n8n's `pollTimes` custom mode). */
export function withFastPolling(workflow: ExampleWorkflow): ExampleWorkflow {
	return {
		...workflow,
		nodes: workflow.nodes.map((node) =>
			node.type === USAGE_TRIGGER_TYPE
				? {
						...node,
						parameters: {
							...node.parameters,
							pollTimes: { item: [{ mode: 'custom', cronExpression: FAST_POLL_CRON }] },
						},
					}
				: node,
		),
	};
}
