import { WebhookContext } from 'n8n-core';
import type {
	IDataObject,
	IHttpRequestMethods,
	INodeExecutionData,
	IWebhookData,
	IWebhookResponseData,
} from 'n8n-workflow';
import { UserError } from 'n8n-workflow';

import { withClock } from './clock';
import { createHarnessContext, nextExecutionId } from './context';
import type { CapturedHttpRequest, CredentialOptions, TypeSourceOptions, WorkflowJson } from './types';
import { createWorkflow, toWorkflowData } from './workflow';

export interface WebhookRequest {
	method?: IHttpRequestMethods;
	/** Header names are lower-cased, as Node's http server hands them over. */
	headers?: Record<string, string>;
	/** The body bytes exactly as sent (what n8n keeps in `req.rawBody`). */
	body?: string;
	query?: Record<string, string>;
}

export interface WebhookOptions extends TypeSourceOptions, CredentialOptions {
	/** Fakes `Date.now()` while the node's webhook() runs (for signature timestamps). */
	now?: () => number;
	/** `'trigger'`: a published workflow's production URL (default); `'manual'`: the test URL. */
	mode?: 'trigger' | 'manual';
}

/** What the sender of the request got back. */
export interface WebhookHttpResponse {
	status: number;
	body: unknown;
	headers: Record<string, string>;
}

export interface WebhookResult {
	/** The items n8n would start the workflow with; undefined when the node started nothing. */
	workflowData?: INodeExecutionData[][];
	/** What the node's webhook() returned. */
	returned: IWebhookResponseData;
	response: WebhookHttpResponse;
	httpRequests: CapturedHttpRequest[];
	logs: string[];
}

/**
 * One HTTP request to a webhook node, as n8n 2.41's WebhookService.runWebhook hands it over: the node's
 * webhook() runs in n8n-core's own WebhookContext, with `req` carrying headers, the parsed JSON body and
 * `rawBody` (n8n's body parser keeps the raw bytes for JSON requests), and `res` recording what the node
 * answers itself (`noWebhookResponse`).
 *
 * The answer when the node does not respond itself follows n8n's webhook helpers for `responseMode:
 * 'onReceived'`: 200 `{ message: 'Workflow was started' }` when it returns workflowData, otherwise
 * `webhookResponse` or `{ message: 'Webhook call received' }`. Not covered: other response modes,
 * binary/multipart bodies, running the workflow it starts (use runWorkflow with `startItems`).
 */
export async function runWebhook(
	workflowJson: WorkflowJson,
	nodeName: string,
	request: WebhookRequest,
	options: WebhookOptions = {},
): Promise<WebhookResult> {
	const context = await createHarnessContext(options);
	try {
		const workflow = createWorkflow(toWorkflowData(workflowJson), context.registry.nodeTypes, { active: true });
		const node = workflow.getNode(nodeName);
		if (!node) throw new UserError(`Harness: node "${nodeName}" is not in the workflow`);
		const nodeType = context.registry.nodeTypes.getByNameAndVersion(node.type, node.typeVersion);
		if (!nodeType.webhook || !nodeType.description.webhooks?.length) {
			throw new UserError(`Harness: node "${nodeName}" is not a webhook node`);
		}
		const description = nodeType.description.webhooks[0];
		const method = request.method ?? 'POST';
		const recorded = recordingResponse();
		const additionalData = context.createAdditionalData({ executionId: nextExecutionId(), workflowId: workflow.id });
		additionalData.httpRequest = incomingRequest(method, request) as never;
		additionalData.httpResponse = recorded.res as never;
		const webhookData: IWebhookData = {
			httpMethod: method,
			node: node.name,
			path: String(description.path),
			webhookDescription: description,
			workflowId: workflow.id,
			workflowExecuteAdditionalData: additionalData,
			webhookId: node.webhookId,
			isTest: options.mode === 'manual',
		};
		const webhookContext = new WebhookContext(workflow, node, additionalData, options.mode ?? 'trigger', webhookData, [], null);
		const returned = await withClock(options.now, async () => await nodeType.webhook!.call(webhookContext));
		return {
			workflowData: returned.workflowData,
			returned,
			response: returned.noWebhookResponse ? recorded.response() : defaultResponse(returned),
			httpRequests: context.httpRequests,
			logs: context.logs,
		};
	} finally {
		context.finish();
	}
}

function defaultResponse(returned: IWebhookResponseData): WebhookHttpResponse {
	if (returned.workflowData !== undefined) return { status: 200, body: { message: 'Workflow was started' }, headers: {} };
	return { status: 200, body: returned.webhookResponse ?? { message: 'Webhook call received' }, headers: {} };
}

function incomingRequest(method: string, request: WebhookRequest) {
	const headers = Object.fromEntries(Object.entries(request.headers ?? {}).map(([name, value]) => [name.toLowerCase(), value]));
	const rawBody = request.body === undefined ? undefined : Buffer.from(request.body, 'utf8');
	const contentType = headers['content-type']?.split(';')[0].trim();
	let body: unknown = {};
	if (request.body !== undefined && contentType === 'application/json') {
		try {
			body = JSON.parse(request.body) as unknown;
		} catch {
			body = {};
		}
	}
	return { method, headers, rawBody, body, contentType, query: request.query ?? {}, params: {}, _body: rawBody !== undefined };
}

function recordingResponse() {
	let status = 200;
	let body: unknown;
	const headers: Record<string, string> = {};
	const res = {
		status(code: number) {
			status = code;
			return res;
		},
		setHeader(name: string, value: string) {
			headers[name.toLowerCase()] = value;
			return res;
		},
		json(value: unknown) {
			body = value;
			return res;
		},
		send(value: unknown) {
			body = value;
			return res;
		},
		end(value?: unknown) {
			if (value !== undefined) body = value;
			return res;
		},
	};
	return { res, response: (): WebhookHttpResponse => ({ status, body: body as IDataObject, headers }) };
}
