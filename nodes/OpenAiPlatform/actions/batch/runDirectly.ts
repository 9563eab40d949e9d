import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { APIError } from 'openai';

import { readRequestOptions } from '../../../shared/engine/options';
import type { Task } from '../../../shared/engine/runItems';
import { runTasks } from '../../../shared/engine/runItems';
import { checkShape, factsOf, shape } from '../../../shared/shape';
import { normaliseUsage } from '../../../shared/tokenUsage';
import type { OpenAiTransport } from '../../../shared/transport/client';
import type { BatchRequestEntry } from './batchLines';
import { customIdFor } from './batchLines';

/** A request that a batch did not run, and the batch it was in. */
export interface UnfinishedRequest extends BatchRequestEntry {
	batchId: string;
}

/**
 * Sends requests a batch did not run (it was cancelled at the deadline, or expired) directly to the
 * batch's endpoint, with exactly the body of their batch line, through the item engine: Request
 * Options' concurrency, input order, Stop. Each answer becomes a result like a batch result line's
 * (`via: 'direct'`); a request that fails becomes a failed result, as it would inside a batch.
 */
export async function runDirectly(
	n8n: IExecuteFunctions,
	transport: OpenAiTransport,
	endpointUrl: string,
	requests: UnfinishedRequest[],
): Promise<Map<number, IDataObject>> {
	if (requests.length === 0) return new Map();
	const path = endpointUrl.replace(/^\/v1(?=\/)/, '');
	const tasks: Task[] = requests.map((request) => ({
		itemIndexes: [request.itemIndex],
		run: async () => [[{ json: await send(transport, path, endpointUrl, request) }]],
	}));
	const outputs: INodeExecutionData[] = await runTasks(n8n, {
		itemCount: Math.max(...requests.map(({ itemIndex }) => itemIndex)) + 1,
		concurrency: readRequestOptions(n8n).concurrency,
		stop: new AbortController(),
		toNodeError: (error, itemIndex) => transport.toNodeError(error, itemIndex),
	}, tasks);
	return new Map(outputs.map((output) => [Number((output.json as IDataObject).itemIndex), output.json]));
}

async function send(transport: OpenAiTransport, path: string, endpointUrl: string, request: UnfinishedRequest): Promise<IDataObject> {
	const base = { custom_id: customIdFor(request.itemIndex), itemIndex: request.itemIndex, batch_id: request.batchId };
	try {
		const { data, response } = await transport.client.post<unknown>(path, { body: request.body }).withResponse();
		checkShape(data, shape.object(), `an answer of ${endpointUrl}`, factsOf(response, data));
		const body = data as IDataObject;
		return {
			...base,
			status: 'succeeded',
			status_code: response.status,
			request_id: response.headers.get('x-request-id'),
			response: body,
			error: null,
			usage: body.usage && typeof body.usage === 'object' ? (normaliseUsage(body.usage as IDataObject) as unknown as IDataObject) : null,
			via: 'direct',
		};
	} catch (error) {
		// Stop: the engine ends the run
		// eslint-disable-next-line @n8n/community-nodes/require-node-api-error
		if (transport.signal.aborted) throw error;
		const nodeError = transport.toNodeError(error, request.itemIndex);
		const apiError = error instanceof APIError ? error : undefined;
		return {
			...base,
			status: 'failed',
			status_code: apiError?.status ?? null,
			request_id: apiError?.requestID ?? null,
			response: null,
			error: {
				code: typeof apiError?.code === 'string' ? apiError.code : null,
				message: nodeError.message,
				type: typeof apiError?.type === 'string' ? apiError.type : null,
				param: typeof apiError?.param === 'string' ? apiError.param : null,
			},
			usage: null,
			via: 'direct',
		};
	}
}
