import { CredentialTestContext, ExecuteContext, RoutingNode } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	ICredentialsDecrypted,
	ICredentialTestFunction,
	ICredentialTestRequest,
	ICredentialTestRequestData,
	IExecuteData,
	INode,
	INodeCredentialTestResult,
	INodeExecutionData,
	INodeType,
} from 'n8n-workflow';
import { Workflow, createRunExecutionData } from 'n8n-workflow';

import type { HarnessContext } from './context';
import { createHarnessContext, nextExecutionId } from './context';
import { HarnessNodeTypes } from './type-registry';
import type { CredentialTestResult, TypeSourceOptions } from './types';

/** The type n8n's credential tester gives its temporary node (its preAuthentication checks for it). */
const tempNodeType = 'n8n-nodes-base.noOp';

type TestFunction = ICredentialTestFunction | ICredentialTestRequestData;

/** CredentialsTester.getCredentialTestFunction: the credential's own `test`, else a node's `testedBy`. */
function findTestFunction(context: HarnessContext, credentialType: string): TestFunction | undefined {
	const { credentialTypes, nodeTypes } = context.registry;
	const type = credentialTypes.getByName(credentialType);
	if (type.test) return { testRequest: type.test };

	for (const nodeTypeName of credentialTypes.getSupportedNodes(credentialType)) {
		const node = nodeTypes.getByName(nodeTypeName);
		const versions = 'nodeVersions' in node ? Object.values(node.nodeVersions) : [node];
		for (const version of versions) {
			for (const { name, testedBy } of version.description.credentials ?? []) {
				if (name !== credentialType || !testedBy) continue;
				if (typeof testedBy === 'string') {
					// n8n looks through the versions newest first.
					const versionWithTest = [...versions]
						.reverse()
						.find((candidate) => candidate.methods?.credentialTest?.[testedBy]);
					return versionWithTest?.methods?.credentialTest?.[testedBy];
				}
				return { nodeType: version, testRequest: testedBy };
			}
		}
	}
	return undefined;
}

/** Dot/bracket path lookup, like lodash `get` for the `responseSuccessBody` rule keys. */
function getPath(value: unknown, path: string): unknown {
	return path
		.split(/[.[\]]/)
		.filter(Boolean)
		.reduce<unknown>(
			(current, key) =>
				typeof current === 'object' && current !== null
					? (current as Record<string, unknown>)[key]
					: undefined,
			value,
		);
}

interface RequestFailure {
	message: string;
	cause?: { code?: string; response?: { status: number; statusText?: string } };
}

/** CredentialsTester.testCredentials' mapping of a failed test request. */
function mapFailure(error: RequestFailure, testRequest: ICredentialTestRequest): INodeCredentialTestResult {
	const response = error.cause?.response;
	if (response) {
		const statusCode = response.status;
		for (const rule of testRequest.rules ?? []) {
			if (rule.type === 'responseCode' && statusCode === rule.properties.value) {
				return { status: 'Error', message: rule.properties.message };
			}
		}
		if (statusCode < 199 || statusCode > 299) {
			return {
				status: 'Error',
				message: response.statusText || `Received HTTP status code: ${statusCode}`,
			};
		}
	} else if (error.cause?.code) {
		return { status: 'Error', message: error.cause.code };
	}
	return { status: 'Error', message: error.message.toString() };
}

async function runTestRequest(
	context: HarnessContext,
	testFunction: ICredentialTestRequestData,
	credentialsDecrypted: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	const baseType =
		testFunction.nodeType ?? context.registry.nodeTypes.getByNameAndVersion(tempNodeType);
	const version = baseType.description.version;
	const node: INode = {
		id: 'temp',
		parameters: {},
		name: 'Temp-Node',
		type: tempNodeType,
		typeVersion: Array.isArray(version) ? version.slice(-1)[0] : version,
		position: [0, 0],
		credentials: {
			[credentialsDecrypted.type]: { id: credentialsDecrypted.id, name: credentialsDecrypted.name },
		},
	};
	const nodeTypeCopy: INodeType = {
		description: {
			...baseType.description,
			credentials: [{ name: credentialsDecrypted.type, required: true }],
			properties: [
				{
					displayName: 'Temp',
					name: 'temp',
					type: 'string',
					routing: { request: testFunction.testRequest.request },
					default: '',
				},
			],
		},
	};
	const workflow = new Workflow({
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes: new HarnessNodeTypes({ [tempNodeType]: nodeTypeCopy }),
	});
	const additionalData = context.createAdditionalData({ executionId: nextExecutionId() });
	const executeData: IExecuteData = { node, data: {}, source: null };
	const executeFunctions = new ExecuteContext(
		workflow,
		node,
		additionalData,
		'internal',
		createRunExecutionData({ resultData: { runData: {} } }),
		0,
		[],
		{ main: [[{ json: {} }]] },
		executeData,
		[],
	);
	const routingNode = new RoutingNode(executeFunctions, nodeTypeCopy, credentialsDecrypted);

	let response: INodeExecutionData[][] | null | undefined;
	try {
		response = await routingNode.runNode();
	} catch (error) {
		return mapFailure(error as RequestFailure, testFunction.testRequest);
	}

	for (const rule of testFunction.testRequest.rules ?? []) {
		if (rule.type !== 'responseSuccessBody') continue;
		const responseData = response?.[0]?.[0]?.json;
		if (getPath(responseData, rule.properties.key) === rule.properties.value) {
			return { status: 'Error', message: rule.properties.message };
		}
	}
	return { status: 'OK', message: 'Connection successful!' };
}

/**
 * The credential modal's "Test" button, mirroring n8n's CredentialsTester
 * (packages/cli/src/services/credentials-tester.service.ts): defaults applied, the test request sent
 * by n8n-core's RoutingNode through httpRequestWithAuthentication (so `authenticate` runs), failures
 * mapped through `rules`.
 */
export async function testCredential(
	credentialTypeName: string,
	data: ICredentialDataDecryptedObject,
	options: TypeSourceOptions = {},
): Promise<CredentialTestResult> {
	const context = await createHarnessContext({
		...options,
		credentials: { [credentialTypeName]: data },
	});
	try {
		const result = await runCredentialTest(context, credentialTypeName, data);
		return { status: result.status, message: result.message, httpRequests: context.httpRequests };
	} finally {
		context.finish();
	}
}

async function runCredentialTest(
	context: HarnessContext,
	credentialTypeName: string,
	data: ICredentialDataDecryptedObject,
): Promise<INodeCredentialTestResult> {
	const testFunction = findTestFunction(context, credentialTypeName);
	if (testFunction === undefined) {
		return { status: 'Error', message: 'No testing function found for this credential.' };
	}

	const credentialsDecrypted: ICredentialsDecrypted = {
		id: 'harness-credential',
		name: `${credentialTypeName} (harness)`,
		type: credentialTypeName,
		data: structuredClone(data),
	};
	try {
		credentialsDecrypted.data = await context.credentialsHelper.applyDefaultsAndOverwrites(
			context.createAdditionalData({ executionId: nextExecutionId() }),
			data,
			credentialTypeName,
			'internal',
		);
	} catch (error) {
		return { status: 'Error', message: (error as Error).message.toString() };
	}

	if (typeof testFunction === 'function') {
		return await testFunction.call(new CredentialTestContext(), credentialsDecrypted);
	}
	return await runTestRequest(context, testFunction, credentialsDecrypted);
}
