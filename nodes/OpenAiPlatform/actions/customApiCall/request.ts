import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { toItems } from '../../../shared/engine/runItems';
import { checkShape, factsOf } from '../../../shared/shape';
import type { OpenAiTransport } from '../../../shared/transport/client';
import { UnexpectedResponseError } from '../../../shared/transport/unexpectedResponse';
import { checkedBinary, isApiErrorObject, isJson, mediaTypeOf } from '../shared/binaryAnswer';
import { inputError } from '../shared/errors';
import { binaryItem, readOutputProperty, readResponseContent } from '../shared/mediaBinary';
import type { ItemOperation } from '../types';
import { fileAnswerRule, JSON_ANSWER, jsonAnswerShape } from './answer';
import { readAllPages } from './listPages';
import { buildMultipart } from './multipart';
import { readPath } from './path';
import { METHODS, type Method, readFormFields, readFormFiles, readHeaders, readJsonBody, readMethod, readQuery } from './requestParts';

const WITH_BODY: Method[] = ['DELETE', 'PATCH', 'POST', 'PUT'];

const properties: INodeProperties[] = [
	{
		displayName: 'Method',
		name: 'method',
		type: 'options',
		default: 'GET',
		options: METHODS.map((method) => ({ name: method, value: method })),
		description: 'The HTTP method of the endpoint',
	},
	{
		displayName: 'Path',
		name: 'path',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. /containers/cntr_123/files',
		description:
			"The endpoint's path, relative to the credential's Base URL (https://api.openai.com/v1 by default). Absolute URLs and paths that leave the Base URL are refused.",
	},
	{
		displayName: 'Query Parameters',
		name: 'queryParameters',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Query Parameter',
		default: {},
		description: 'Sent in the URL; a name given several times (or ending in []) is sent as a list, e.g. include[]',
		options: [
			{
				displayName: 'Parameter',
				name: 'parameters',
				values: [
					{ displayName: 'Name', name: 'name', type: 'string', default: '' },
					{ displayName: 'Value', name: 'value', type: 'string', default: '' },
				],
			},
		],
	},
	{
		displayName: 'Body Type',
		name: 'bodyType',
		type: 'options',
		default: 'json',
		options: [
			{ name: 'JSON', value: 'json' },
			{ name: 'Multipart Form Data', value: 'multipart', description: 'Text fields and files, e.g. for uploads' },
			{ name: 'None', value: 'none' },
		],
		displayOptions: { show: { method: WITH_BODY } },
	},
	{
		displayName: 'JSON Body',
		name: 'jsonBody',
		type: 'json',
		default: '{}',
		description: 'The request body',
		displayOptions: { show: { method: WITH_BODY, bodyType: ['json'] } },
	},
	{
		displayName: 'Form Fields',
		name: 'formFields',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show: { method: WITH_BODY, bodyType: ['multipart'] } },
		options: [
			{
				displayName: 'Field',
				name: 'fields',
				values: [
					{ displayName: 'Name', name: 'name', type: 'string', default: '' },
					{ displayName: 'Value', name: 'value', type: 'string', default: '' },
				],
			},
		],
	},
	{
		displayName: 'Form Files',
		name: 'formFiles',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add File',
		default: {},
		displayOptions: { show: { method: WITH_BODY, bodyType: ['multipart'] } },
		options: [
			{
				displayName: 'File',
				name: 'files',
				values: [
					{ displayName: 'Field Name', name: 'name', type: 'string', default: 'file', description: 'The form field the file is sent as' },
					{ displayName: 'Input Binary Field', name: 'binaryPropertyName', type: 'string', default: 'data', description: 'The binary property of the input item that holds the file' },
				],
			},
		],
	},
	{
		displayName: 'Response',
		name: 'response',
		type: 'options',
		default: 'json',
		options: [
			{ name: 'JSON', value: 'json', description: 'Output the answer as JSON' },
			{ name: 'File', value: 'file', description: 'Put the answer into a binary property (file contents, audio, images)' },
		],
	},
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
		hint: "Follows OpenAI's list paging (has_more with after, or next_page) and outputs one item per entry of data. Off: the answer is one item.",
		displayOptions: { show: { method: ['GET'], response: ['json'] } },
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'File Name',
				name: 'fileName',
				type: 'string',
				default: '',
				description: "With Response File: the output file's name (default: the name the server gives, else the last part of the path)",
			},
			{
				displayName: 'Headers',
				name: 'headers',
				type: 'fixedCollection',
				typeOptions: { multipleValues: true },
				placeholder: 'Add Header',
				default: {},
				description: 'Extra headers, e.g. OpenAI-Beta: assistants=v2 (the credential attaches the key)',
				options: [
					{
						displayName: 'Header',
						name: 'values',
						values: [
							{ displayName: 'Name', name: 'name', type: 'string', default: '' },
							{ displayName: 'Value', name: 'value', type: 'string', default: '' },
						],
					},
				],
			},
			{
				displayName: 'Put Output in Field',
				name: 'binaryPropertyOutput',
				type: 'string',
				default: 'data',
				description: 'With Response File: the binary property of the output item to put the file in',
			},
		],
	},
];

export const sendRequest: ItemOperation = {
	value: 'request',
	name: 'Send Request',
	action: 'Send a request to any endpoint',
	description: "Call an OpenAI endpoint this node has no operation for, with the credential's key, retries, pacing and checks",
	properties,
	async execute({ n8n, transport, itemIndex }) {
		const method = readMethod(n8n, itemIndex);
		const path = readPath(n8n, itemIndex, transport.baseURL);
		const query = readQuery(n8n, itemIndex);
		const options = n8n.getNodeParameter('options', itemIndex, {}) as IDataObject;
		const headers = readHeaders(n8n, itemIndex, options);
		const response = n8n.getNodeParameter('response', itemIndex, 'json') as unknown;
		if (response !== 'json' && response !== 'file') {
			throw inputError(n8n, itemIndex, `The "Response" parameter is ${JSON.stringify(response)}`, 'Use json or file.');
		}
		if (method === 'GET' && response === 'json' && n8n.getNodeParameter('returnAll', itemIndex, false) === true) {
			return toItems(await readAllPages(transport, path, query, headers));
		}
		const body = method === 'GET' ? {} : await readBody(n8n, itemIndex);
		const request = { method: method.toLowerCase() as Lowercase<Method>, path, query, ...body, headers: { ...headers, ...body.headers } };
		if (response === 'file') return [await fileAnswer(n8n, transport, request, options)];
		const { data, response: answered } = await transport.client.request<unknown>(request).withResponse();
		// 204/205 carry no body by definition: one empty item; any other answer must be JSON
		if (answered.status === 204 || answered.status === 205) return toItems({});
		return jsonItems(checkShape(data, jsonAnswerShape, JSON_ANSWER, factsOf(answered, data)));
	},
};

interface Body {
	body?: unknown;
	headers?: Record<string, string>;
}

async function readBody(n8n: IExecuteFunctions, itemIndex: number): Promise<Body> {
	const kind = n8n.getNodeParameter('bodyType', itemIndex, 'json') as unknown;
	if (kind === 'none') return {};
	if (kind === 'json') return { body: readJsonBody(n8n, itemIndex) };
	if (kind === 'multipart') return await buildMultipart(n8n, itemIndex, readFormFields(n8n, itemIndex), readFormFiles(n8n, itemIndex));
	throw inputError(n8n, itemIndex, `The "Body Type" parameter is ${JSON.stringify(kind)}`, 'Use json, multipart or none.');
}

/** An object is one item; a list is one item per entry. */
function jsonItems(answer: unknown): INodeExecutionData[] {
	if (Array.isArray(answer)) return toItems(answer.map((entry) => (typeof entry === 'object' && entry !== null && !Array.isArray(entry) ? (entry as IDataObject) : { value: entry as IDataObject[keyof IDataObject] })));
	return toItems(answer as IDataObject);
}

type SdkRequest = Parameters<OpenAiTransport['client']['request']>[0];

/** The answer as a file: streamed into n8n's binary store; an HTML page or an API error object is refused. */
async function fileAnswer(n8n: IExecuteFunctions, transport: OpenAiTransport, request: Exclude<SdkRequest, PromiseLike<unknown>>, options: IDataObject): Promise<INodeExecutionData> {
	const expected = `a file from ${request.method.toUpperCase()} ${request.path}`;
	const call = transport.client.request<Response>({ ...request, headers: { accept: '*/*', ...(request.headers as Record<string, string>) }, __binaryResponse: true });
	const response = await checkedBinary(call, expected, fileAnswerRule);
	const contentType = response.headers.get('content-type');
	const json = isJson(mediaTypeOf(contentType));
	const content = await readResponseContent(response, { inMemory: json });
	if (Buffer.isBuffer(content) && json && isApiErrorObject(content.toString('utf8'))) {
		throw new UnexpectedResponseError(expected, 'it is an API error object sent with status 200, not a file', { status: response.status, contentType, body: content.toString('utf8') });
	}
	const fileName = fileNameOf(options.fileName, response.headers.get('content-disposition'), String(request.path));
	const mimeType = mediaTypeOf(contentType);
	const known = mimeType && mimeType !== 'application/octet-stream' ? mimeType : undefined;
	const meta: IDataObject = { status: response.status, contentType: contentType ?? null, fileName };
	return await binaryItem(n8n, meta, readOutputProperty(options.binaryPropertyOutput), content, fileName, known);
}

/** The option, else the server's Content-Disposition file name, else the last segment of the path. */
export function fileNameOf(option: unknown, disposition: string | null, path: string): string {
	const chosen = typeof option === 'string' ? option.trim() : '';
	if (chosen) return chosen;
	const encoded = disposition ? /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(disposition)?.[1] : undefined;
	let fromServer: string | undefined;
	try {
		fromServer = encoded ? decodeURIComponent(encoded) : undefined;
	} catch {
		fromServer = undefined;
	}
	fromServer ??= disposition ? /filename\s*=\s*"?([^";]+)"?/i.exec(disposition)?.[1] : undefined;
	const base = fromServer?.split(/[\\/]/).pop()?.trim();
	if (base) return base;
	return path.split('/').filter(Boolean).pop() || 'response';
}
