import type { FilePurpose } from 'openai/resources/files';

import { checkedCall } from '../../../shared/shape';
import { inputError } from '../shared/errors';
import { checkSize, describeBinary, toUploadable } from '../shared/mediaBinary';
import type { OperationContext } from '../types';
import { FILE, fileShape } from './answer';
import { MAX_FILE_BYTES } from './upload';

/**
 * Uploads the item's binary file under `propertyName` with `purpose` and returns the new file's ID:
 * the "upload a binary and use it in one step" of Vector Store → Add File and Fine-Tuning → Create.
 * `parameter` names the field in errors; `accepts`, when given, checks the file name first.
 */
export async function uploadBinaryFile(
	{ n8n, transport, itemIndex }: OperationContext,
	propertyName: string,
	purpose: FilePurpose,
	parameter: string,
	accepts?: { extension: RegExp; what: string },
): Promise<string> {
	const input = await describeBinary(n8n, itemIndex, propertyName, parameter);
	checkSize(n8n, itemIndex, input, MAX_FILE_BYTES, 'files');
	if (input.bytes === 0) throw inputError(n8n, itemIndex, `The file in "${parameter}" ("${input.fileName}") is empty`, 'Check the node that produced the file.');
	if (accepts && !accepts.extension.test(input.fileName)) {
		throw inputError(n8n, itemIndex, `The file in "${parameter}" ("${input.fileName}") is not ${accepts.what}`, `OpenAI accepts ${accepts.what} here; rename or convert the file.`);
	}
	const file = await checkedCall(transport.client.files.create({ file: await toUploadable(n8n, itemIndex, input), purpose }), fileShape, FILE);
	return file.id;
}
