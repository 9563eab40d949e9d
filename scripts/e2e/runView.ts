import type { N8nBinary, N8nRun } from './n8n';

export interface OutputItem {
	json: Record<string, unknown>;
	binary?: Record<string, N8nBinary>;
	pairedItem?: unknown;
}

/** Read access to one execution's result, by node name, as an expectation needs it. */
export class RunView {
	constructor(readonly run: N8nRun) {}

	get status(): string | undefined {
		return this.run.status;
	}

	get error(): string | undefined {
		const error = this.run.data.resultData.error;
		if (!error) return undefined;
		return [error.node?.name, error.message, error.description].filter(Boolean).join(': ');
	}

	/** Names of the nodes that ran, in the order n8n recorded them. */
	get executedNodes(): string[] {
		return Object.keys(this.run.data.resultData.runData);
	}

	/** Items of one output of a node's first run; throws if the node did not run. */
	items(nodeName: string, output = 0): OutputItem[] {
		const runs = this.run.data.resultData.runData[nodeName];
		if (!runs || runs.length === 0) {
			throw new Error(`Node "${nodeName}" did not run (ran: ${this.executedNodes.join(', ') || 'nothing'})`);
		}
		return runs[0].data?.main?.[output] ?? [];
	}

	json(nodeName: string, output = 0): Array<Record<string, unknown>> {
		return this.items(nodeName, output).map((item) => item.json);
	}

	ran(nodeName: string): boolean {
		return (this.run.data.resultData.runData[nodeName]?.length ?? 0) > 0;
	}
}
