import { LoadOptionsContext } from 'n8n-core';
import type { INodeListSearchResult } from 'n8n-workflow';
import { UserError } from 'n8n-workflow';

import { createHarnessContext, nextExecutionId } from './context';
import type { CredentialOptions, TypeSourceOptions, WorkflowJson } from './types';
import { createWorkflow, toWorkflowData } from './workflow';

export interface ListSearchOptions extends TypeSourceOptions, CredentialOptions {
	/** The search text typed into the picker. */
	filter?: string;
	paginationToken?: string;
	/** The parameter that owns the picker (n8n passes its path), e.g. 'modelId'. */
	parameterPath?: string;
}

/**
 * What the editor does when a resource locator's list opens or its search text changes: calls the
 * node type's `methods.listSearch[method]` with a LoadOptionsContext for the node as configured in
 * the workflow (its parameters and credentials).
 */
export async function runListSearch(
	workflowJson: WorkflowJson,
	nodeName: string,
	method: string,
	options: ListSearchOptions = {},
): Promise<INodeListSearchResult & { httpRequests: number }> {
	const context = await createHarnessContext(options);
	try {
		const data = toWorkflowData(workflowJson);
		const workflow = createWorkflow(data, context.registry.nodeTypes, { active: false });
		const node = workflow.getNode(nodeName);
		if (!node) throw new UserError(`Harness: no node named "${nodeName}"`);
		const nodeType = context.registry.nodeTypes.getByNameAndVersion(node.type, node.typeVersion);
		const search = nodeType.methods?.listSearch?.[method];
		if (!search) throw new UserError(`Harness: ${node.type} has no listSearch method "${method}"`);
		const additionalData = context.createAdditionalData({ executionId: nextExecutionId() });
		const loadOptions = new LoadOptionsContext(
			workflow,
			node,
			additionalData,
			`parameters.${options.parameterPath ?? 'modelId'}`,
		);
		const result = await search.call(loadOptions, options.filter, options.paginationToken);
		return { ...result, httpRequests: context.httpRequests.length };
	} finally {
		context.finish();
	}
}
