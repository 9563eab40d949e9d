import type { IExecuteFunctions } from 'n8n-workflow';

import { readBinaryBuffer, toDataUrl } from '../../../shared/binary';
import { inputError } from './errors';
import { splitNames, splitUrlList } from './values';

export interface ImageSources {
	/** image URLs typed by the user: one per line or comma-separated (https:// or data:image/…) */
	urls?: string;
	/** names of the item's binary properties that hold images, comma-separated */
	binaryProperties?: string;
	/** how the two fields are called in the editor, for error messages */
	urlsName: string;
	binaryName: string;
}

/**
 * The images of one input as URLs the API accepts: the typed URLs as they are (checked to be
 * http(s) or a data: image URL), and each binary property as a base64 data: URL, checked to be an
 * image by its MIME type. Binary data is only read for the item being processed.
 */
export async function readImageUrls(
	n8n: IExecuteFunctions,
	itemIndex: number,
	sources: ImageSources,
): Promise<string[]> {
	const urls = splitUrlList(sources.urls ?? '');
	for (const url of urls) {
		if (/^https?:\/\/\S+$/i.test(url) || /^data:image\/[\w.+-]+;base64,/i.test(url)) continue;
		throw inputError(
			n8n,
			itemIndex,
			`The "${sources.urlsName}" parameter has an entry that is not an image URL: "${shorten(url)}"`,
			'Enter http(s) URLs or data:image/…;base64 URLs, one per line or separated by commas. For files in the item, use the binary property field instead.',
		);
	}
	const images = [...urls];
	for (const property of splitNames(sources.binaryProperties ?? '')) {
		const { buffer, binary } = await readBinaryBuffer(n8n, itemIndex, property, sources.binaryName);
		const mimeType = binary.mimeType ?? '';
		if (!mimeType.toLowerCase().startsWith('image/')) {
			throw inputError(
				n8n,
				itemIndex,
				`The binary property "${property}" of the "${sources.binaryName}" parameter is not an image (${mimeType || 'no MIME type'})`,
				`OpenAI accepts PNG, JPEG, WEBP and non-animated GIF images. The file ${binary.fileName ? `"${binary.fileName}" ` : ''}has MIME type ${mimeType || 'unknown'}.`,
			);
		}
		images.push(toDataUrl(buffer, mimeType));
	}
	return images;
}

function shorten(text: string, max = 60): string {
	return text.length > max ? `${text.slice(0, max)}…` : text;
}
