import type {
	IConnections,
	IDataObject,
	INode,
	INodeTypes,
	IPinData,
	IWorkflowBase,
	IWorkflowSettings,
} from 'n8n-workflow';
import { UserError, Workflow } from 'n8n-workflow';

import type { WorkflowJson } from './types';

const defaultWorkflowId = 'harnessWorkflow01';

/** The stored workflow n8n would load from its database, built from editor-exported JSON. */
export function toWorkflowData(json: WorkflowJson): IWorkflowBase {
	if (!Array.isArray(json?.nodes) || typeof json.connections !== 'object') {
		throw new UserError('Harness: a workflow needs "nodes" (array) and "connections" (object)');
	}
	const nodes = json.nodes.map((node, index): INode => {
		if (!node.name || !node.type || typeof node.typeVersion !== 'number') {
			throw new UserError(`Harness: node #${index} needs "name", "type" and "typeVersion"`);
		}
		const copy = structuredClone(node) as unknown as INode;
		copy.id ??= `harness-node-${index}`;
		copy.position ??= [0, 0];
		copy.parameters ??= {};
		return copy;
	});
	const now = new Date();
	return {
		id: json.id ?? defaultWorkflowId,
		name: json.name ?? 'Harness workflow',
		active: false,
		isArchived: false,
		activeVersionId: null,
		createdAt: now,
		updatedAt: now,
		nodes,
		connections: structuredClone(json.connections) as unknown as IConnections,
		settings: structuredClone(json.settings ?? {}) as IWorkflowSettings,
		pinData: json.pinData ? (structuredClone(json.pinData) as IPinData) : undefined,
	};
}

/**
 * A fresh Workflow like n8n builds from its database row. The persistent static data is copied:
 * Workflow wraps what it gets in observable proxies and mutates it.
 */
export function createWorkflow(
	data: IWorkflowBase,
	nodeTypes: INodeTypes,
	options: { staticData?: IDataObject; active: boolean },
): Workflow {
	return new Workflow({
		id: data.id,
		name: data.name,
		nodes: structuredClone(data.nodes),
		connections: data.connections,
		active: options.active,
		nodeTypes,
		staticData: structuredClone(options.staticData ?? {}),
		settings: data.settings,
		pinData: data.pinData,
	});
}

/** A plain deep copy of (observable) static data, without n8n's `__dataChanged` marker. */
export function copyStaticData(staticData: IDataObject): IDataObject {
	return JSON.parse(JSON.stringify(staticData)) as IDataObject;
}

/** Replaces the contents of the persistent object in place (what saving to the database means here). */
export function persistStaticData(target: IDataObject, source: IDataObject) {
	const snapshot = copyStaticData(source);
	for (const key of Object.keys(target)) delete target[key];
	Object.assign(target, snapshot);
}
