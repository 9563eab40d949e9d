import type { ExecutionLifecycleHooks } from 'n8n-core';
import type { IWorkflowExecuteAdditionalData } from 'n8n-workflow';
import { UnexpectedError } from 'n8n-workflow';

import { HarnessCredentialsHelper } from './credentials-helper';
import { toCapturedRequest } from './http-capture';
import { startLogCapture } from './log-capture';
import type { TypeRegistry } from './type-registry';
import { createTypeRegistry } from './type-registry';
import type { CapturedHttpRequest, CredentialOptions, TypeSourceOptions } from './types';

const baseUrl = 'http://localhost:5678';
let executionCounter = 0;

export function nextExecutionId(): string {
	executionCounter += 1;
	return `harness-${executionCounter}`;
}

/** Everything one harness call needs: types, credentials, and the capture of requests and logs. */
export interface HarnessContext {
	registry: TypeRegistry;
	credentialsHelper: HarnessCredentialsHelper;
	httpRequests: CapturedHttpRequest[];
	logs: string[];
	createAdditionalData(options: {
		executionId: string;
		workflowId?: string;
		hooks?: ExecutionLifecycleHooks;
	}): IWorkflowExecuteAdditionalData;
	/** Stops collecting logs. */
	finish(): void;
}

function notSupported(feature: string) {
	return async () => {
		throw new UnexpectedError(`The test harness does not support ${feature}`);
	};
}

export async function createHarnessContext(
	options: TypeSourceOptions & CredentialOptions,
): Promise<HarnessContext> {
	const registry = await createTypeRegistry(options);
	const httpRequests: CapturedHttpRequest[] = [];
	const credentialsHelper = new HarnessCredentialsHelper(
		registry.credentialTypes,
		options.credentials ?? {},
		(credentialType, requestOptions, node) => {
			httpRequests.push(toCapturedRequest(credentialType, requestOptions, node));
		},
	);
	const logCapture = startLogCapture();

	return {
		registry,
		credentialsHelper,
		httpRequests,
		logs: logCapture.logs,
		createAdditionalData: ({ executionId, workflowId, hooks }) => {
			const additionalData: Partial<IWorkflowExecuteAdditionalData> = {
				credentialsHelper,
				hooks,
				executionId,
				workflowId,
				userId: 'harness-user',
				currentNodeExecutionIndex: 0,
				restApiUrl: `${baseUrl}/rest`,
				instanceBaseUrl: `${baseUrl}/`,
				formBaseUrl: `${baseUrl}/form`,
				formWaitingBaseUrl: `${baseUrl}/form-waiting`,
				formTestBaseUrl: `${baseUrl}/form-test`,
				webhookBaseUrl: `${baseUrl}/webhook`,
				webhookWaitingBaseUrl: `${baseUrl}/webhook-waiting`,
				webhookTestBaseUrl: `${baseUrl}/webhook-test`,
				mcpBaseUrl: `${baseUrl}/mcp`,
				mcpTestBaseUrl: `${baseUrl}/mcp-test`,
				variables: {},
				logAiEvent: () => {},
				executeWorkflow: notSupported('sub-workflows (executeWorkflow)'),
				getRunExecutionData: async () => undefined,
				getRuntimeCredential: async () => undefined,
				startRunnerTask: notSupported('task runners (Code node)'),
			};
			return additionalData as IWorkflowExecuteAdditionalData;
		},
		finish: logCapture.stop,
	};
}
