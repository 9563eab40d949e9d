import type { IBinaryData, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/**
 * The binary data of one item under a property name the user typed, with a clear error naming the
 * parameter, the item and the binary properties the item does have.
 */
export function requireBinary(
	n8n: IExecuteFunctions,
	itemIndex: number,
	propertyName: string,
	parameterName: string,
): IBinaryData {
	const name = propertyName.trim();
	const item = n8n.getInputData()[itemIndex];
	const available = Object.keys(item?.binary ?? {});
	const binary = name ? item?.binary?.[name] : undefined;
	if (!binary) {
		const has = available.length
			? `The item has: ${available.map((k) => `"${k}"`).join(', ')}.`
			: 'The item has no binary data at all (use a node that outputs files, e.g. Read/Write Files from Disk or HTTP Request with "File" response).';
		throw new NodeOperationError(
			n8n.getNode(),
			`No binary property "${name}" for the "${parameterName}" parameter [item ${itemIndex}]`,
			{ itemIndex, description: `${has} Enter the name of the binary property that holds the file.` },
		);
	}
	return binary;
}

/** Reads the whole binary into memory (for small payloads such as images sent inline). */
export async function readBinaryBuffer(
	n8n: IExecuteFunctions,
	itemIndex: number,
	propertyName: string,
	parameterName: string,
): Promise<{ buffer: Buffer; binary: IBinaryData }> {
	const binary = requireBinary(n8n, itemIndex, propertyName, parameterName);
	const buffer = await n8n.helpers.getBinaryDataBuffer(itemIndex, propertyName.trim());
	return { buffer, binary };
}

/** A data: URL for an image sent inline (vision inputs, moderation of images). */
export function toDataUrl(buffer: Buffer, mimeType: string | undefined): string {
	return `data:${mimeType || 'application/octet-stream'};base64,${buffer.toString('base64')}`;
}
