import { Container } from '@n8n/di';
import { BinaryDataService } from 'n8n-core';
import type { IBinaryData, IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import type { FakeOpenAi } from '../fake-openai';
import { FAKE_KEYS } from '../fake-openai';

/** Shared by the media node tests (image, audio, file, batch). */
export const credentialsFor = (fake: FakeOpenAi) => ({ openAiPlatformApi: { apiKey: FAKE_KEYS.project, url: fake.url } });

/** The bytes of an output item's binary property, whatever n8n's binary data mode. */
export async function binaryBytes(item: INodeExecutionData, property = 'data'): Promise<Buffer> {
	const binary = item.binary?.[property] as IBinaryData | undefined;
	if (!binary) throw new Error(`The item has no binary property "${property}" (it has: ${Object.keys(item.binary ?? {}).join(', ') || 'none'})`);
	return await Container.get(BinaryDataService).getAsBuffer(binary);
}

/**
 * Test-only node `test.bigFile`: one item whose binary property holds `size` bytes (zeros after an
 * optional text head), so size limits can be tested without megabytes of workflow JSON.
 */
class BigFileNode implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Big File',
		name: 'bigFile',
		group: ['transform'],
		version: 1,
		description: 'Emits one item with a large binary file (harness only)',
		defaults: { name: 'Big File' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [
			{ displayName: 'Size', name: 'size', type: 'number', default: 1 },
			{ displayName: 'Head', name: 'head', type: 'string', default: '' },
			{ displayName: 'File Name', name: 'fileName', type: 'string', default: 'big.bin' },
			{ displayName: 'MIME Type', name: 'mimeType', type: 'string', default: 'application/octet-stream' },
			{ displayName: 'Declared Bytes', name: 'declaredBytes', type: 'number', default: 0 },
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const size = this.getNodeParameter('size', 0) as number;
		const head = Buffer.from(this.getNodeParameter('head', 0) as string, 'base64');
		const data = Buffer.alloc(size);
		head.copy(data);
		const binary = await this.helpers.prepareBinaryData(data, this.getNodeParameter('fileName', 0) as string, this.getNodeParameter('mimeType', 0) as string);
		// a size n8n recorded for the file, to test limits without allocating hundreds of megabytes
		const declaredBytes = this.getNodeParameter('declaredBytes', 0) as number;
		if (declaredBytes) binary.bytes = declaredBytes;
		return [[{ json: { size }, binary: { data: binary }, pairedItem: { item: 0 } }]];
	}
}

export const mediaNodeTypes = { 'test.bigFile': new BigFileNode() };

/** A `test.bigFile` node spec for `workflow({ nodes })`. */
export function bigFileNode(size: number, fileName: string, mimeType: string, head: Buffer = Buffer.alloc(0), declaredBytes = 0) {
	return { name: 'Big File', type: 'test.bigFile', parameters: { size, fileName, mimeType, head: head.toString('base64'), declaredBytes } };
}

/** `test.items` binary spec from bytes. */
export function binarySpec(data: Buffer, fileName: string, mimeType: string) {
	return { base64: data.toString('base64'), fileName, mimeType };
}
