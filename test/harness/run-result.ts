import type { ExecutionError, ExecutionStatus, INodeExecutionData, IRun } from 'n8n-workflow';
import { UserError } from 'n8n-workflow';

import type { CapturedHttpRequest, HarnessRun } from './types';

export function createHarnessRun(details: {
	run: IRun;
	status: ExecutionStatus;
	durationMs: number;
	httpRequests: CapturedHttpRequest[];
	logs: string[];
	cancellation?: HarnessRun['cancellation'];
}): HarnessRun {
	const { run } = details;
	const runData = run.data.resultData.runData;

	const taskOf = (nodeName: string, runIndex: number) => {
		const task = runData[nodeName]?.[runIndex];
		if (task === undefined) {
			const ran = Object.keys(runData);
			throw new UserError(
				`Harness: node "${nodeName}" has no run #${runIndex} (nodes that ran: ${ran.join(', ') || 'none'})`,
			);
		}
		return task;
	};

	return {
		status: details.status,
		error: run.data.resultData.error,
		run,
		durationMs: details.durationMs,
		cancellation: details.cancellation,
		httpRequests: details.httpRequests,
		logs: details.logs,
		output(nodeName: string, outputIndex = 0, runIndex = 0): INodeExecutionData[] {
			return taskOf(nodeName, runIndex).data?.main?.[outputIndex] ?? [];
		},
		nodeError(nodeName: string, runIndex = 0): ExecutionError | undefined {
			return runData[nodeName]?.[runIndex]?.error;
		},
		executedNodes(): string[] {
			return Object.keys(runData);
		},
	};
}
