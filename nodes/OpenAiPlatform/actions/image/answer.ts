import type { Shape } from '../../../shared/shape';
import { kindOf, shape } from '../../../shared/shape';

/**
 * What Generate, Edit and Create Variation need of an images answer: as many images as were asked
 * for (`n`, 1 by default), each with its data (base64) or its URL — an image never silently
 * disappears from the output.
 */
const image: Shape = shape.rule((value, path) => {
	const problem = shape.object({ b64_json: shape.nullable(shape.string), url: shape.nullable(shape.string), revised_prompt: shape.nullable(shape.string) })(value, path);
	if (problem) return problem;
	const { b64_json: data, url } = value as { b64_json?: string | null; url?: string | null };
	if (data || url) return undefined;
	return `\`${path}\` should have the image as \`b64_json\` or \`url\`, but has ${kindOf(data ?? url)}`;
});

export function imagesShape(count: number): Shape {
	return shape.object({
		data: shape.array(image, { length: count }),
		created: shape.optional(shape.number),
		usage: shape.nullable(shape.object()),
	});
}

export const IMAGES = 'a list of images';
