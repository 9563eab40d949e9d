import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { OpenAiTransport } from '../../shared/transport/client';

/** What an operation gets for one item. It never talks to HTTP or n8n's item list directly. */
export interface OperationContext {
	n8n: IExecuteFunctions;
	transport: OpenAiTransport;
	itemIndex: number;
}

/**
 * One operation of one resource: its parameters, and how one input item becomes one request
 * and its output items. The node adds displayOptions; the item engine adds pairing, order,
 * concurrency and error handling.
 */
export interface Operation {
	value: string;
	name: string;
	action: string;
	description: string;
	properties: INodeProperties[];
	execute(ctx: OperationContext): Promise<INodeExecutionData[]>;
}

export interface Resource {
	value: string;
	name: string;
	description: string;
	/** Alphabetical by name, as n8n lists them. */
	operations: Operation[];
	/** The operation preselected when the resource is picked. */
	defaultOperation: string;
}
