import type {
	IBinaryKeyData,
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	ITriggerFunctions,
	ITriggerResponse,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError, jsonParse } from 'n8n-workflow';

import type { NodeTypeMap } from './types';

/** Stand-in for n8n-nodes-base.manualTrigger: emits one empty item when the workflow is executed. */
class ManualTriggerStandIn implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Manual Trigger',
		name: 'manualTrigger',
		group: ['trigger'],
		version: 1,
		description: 'Runs the flow on clicking a button in n8n',
		defaults: { name: "When clicking 'Execute workflow'" },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		properties: [],
	};

	async trigger(this: ITriggerFunctions): Promise<ITriggerResponse> {
		const manualTriggerFunction = async () => {
			this.emit([this.helpers.returnJsonArray([{}])]);
		};
		return { manualTriggerFunction };
	}
}

/** Stand-in for n8n-nodes-base.noOp ("No Operation, do nothing"): passes its items through. */
class NoOpStandIn implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'No Operation, do nothing',
		name: 'noOp',
		group: ['organization'],
		version: 1,
		description: 'No Operation',
		defaults: { name: 'No Operation, do nothing' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [this.getInputData()];
	}
}

interface BinarySpec {
	text?: string;
	base64?: string;
	fileName?: string;
	mimeType?: string;
}

async function prepareBinary(
	context: IExecuteFunctions,
	specs: Record<string, BinarySpec>,
): Promise<IBinaryKeyData> {
	const binary: IBinaryKeyData = {};
	for (const [property, spec] of Object.entries(specs)) {
		const buffer =
			spec.base64 !== undefined
				? Buffer.from(spec.base64, 'base64')
				: Buffer.from(spec.text ?? '', 'utf8');
		binary[property] = await context.helpers.prepareBinaryData(buffer, spec.fileName, spec.mimeType);
	}
	return binary;
}

/**
 * Test-only node `test.items`: emits the items in its `items` parameter (a JSON array string, the
 * way the editor stores it; expressions allowed). Each element becomes one item's `json`. An element
 * may carry `"$binary": { "<property>": { "text" | "base64", "fileName", "mimeType" } }`, which is
 * turned into real n8n binary data with `prepareBinaryData`.
 */
class TestItemsNode implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Test Items',
		name: 'items',
		group: ['transform'],
		version: 1,
		description: 'Emits fixed items (harness only)',
		defaults: { name: 'Test Items' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [
			{
				displayName: 'Items (JSON Array)',
				name: 'items',
				type: 'string',
				default: '[]',
			},
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const raw = this.getNodeParameter('items', 0) as unknown;
		const elements = typeof raw === 'string' ? jsonParse<unknown>(raw) : raw;
		if (!Array.isArray(elements)) {
			throw new NodeOperationError(this.getNode(), 'Parameter "items" must be a JSON array');
		}
		const output: INodeExecutionData[] = [];
		for (const element of elements) {
			if (typeof element !== 'object' || element === null || Array.isArray(element)) {
				throw new NodeOperationError(this.getNode(), 'Each element of "items" must be an object');
			}
			const { $binary, ...json } = element as IDataObject & { $binary?: Record<string, BinarySpec> };
			const item: INodeExecutionData = { json: json as IDataObject, pairedItem: { item: 0 } };
			if ($binary) item.binary = await prepareBinary(this, $binary);
			output.push(item);
		}
		return [output];
	}
}

export function createBuiltinNodeTypes(): NodeTypeMap {
	return {
		'n8n-nodes-base.manualTrigger': new ManualTriggerStandIn(),
		'n8n-nodes-base.noOp': new NoOpStandIn(),
		'test.items': new TestItemsNode(),
	};
}
