import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { Operation } from '../operation';
import { createTransport } from '../transport/client';
import type { CredentialTypeName } from '../transport/credentialTypes';
import { readRequestOptions } from './options';
import { runOperation } from './runOperation';

/** The value n8n gives the "Custom API Call" entry it adds to resource and operation pickers. */
const CUSTOM_API_CALL_KEY = '__CUSTOM_API_CALL__';

/**
 * An action node's whole `execute()`: find the chosen operation, build one transport for the run
 * from the node's credential and Request Options, and run the items through the engine.
 */
export async function executeNode(
	n8n: IExecuteFunctions,
	credentialType: CredentialTypeName,
	findOperation: (resource: string, operation: string) => Operation | undefined,
): Promise<INodeExecutionData[][]> {
	const resource = n8n.getNodeParameter('resource', 0) as string;
	const operationName = n8n.getNodeParameter('operation', 0, '') as string;
	const operation = findOperation(resource, operationName);
	if (!operation && (resource === CUSTOM_API_CALL_KEY || operationName === CUSTOM_API_CALL_KEY)) {
		throw new NodeOperationError(n8n.getNode(), '"Custom API Call" here is n8n\'s pointer to the HTTP Request node, not an operation of this node', {
			description:
				'n8n adds this entry to nodes whose credential can sign other requests. Add an HTTP Request node, set Authentication to "Predefined Credential Type" and pick this credential: n8n attaches the key (set "Allowed HTTP Request Domains" on the credential so the key only goes there). The OpenAI Platform node also has a resource "Custom API Call" that sends any request on its own engine.',
		});
	}
	if (!operation) {
		throw new NodeOperationError(
			n8n.getNode(),
			`The operation "${operationName}" of resource "${resource}" is not known`,
		);
	}
	const options = readRequestOptions(n8n);
	const stop = new AbortController();
	const transport = await createTransport(n8n, {
		credentialType: operation.credentialType ?? credentialType,
		timeoutMs: options.timeoutMs,
		maxRetries: options.maxRetries,
		signal: stop.signal,
	});
	const output = await runOperation(n8n, operation, transport, {
		itemCount: n8n.getInputData().length,
		concurrency: options.concurrency,
		stop,
		toNodeError: transport.toNodeError,
	});
	return [output];
}
