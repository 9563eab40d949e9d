import type { ModerationCreateParams } from 'openai/resources/moderations';

import type { Shape } from '../../../shared/shape';
import { shape } from '../../../shared/shape';

/**
 * What Classify needs of a moderation answer: one result per input, each saying whether it is
 * flagged (true or false, never left out: a missing verdict must not read as "not flagged"), with
 * its categories and scores as objects when present.
 */
export function moderationShape(results: number): Shape {
	return shape.object({
		id: shape.optional(shape.string),
		model: shape.optional(shape.string),
		results: shape.array(
			shape.object({
				flagged: shape.boolean,
				categories: shape.nullable(shape.object()),
				category_scores: shape.nullable(shape.object()),
				category_applied_input_types: shape.nullable(shape.object()),
			}),
			{ length: results },
		),
	});
}

export const MODERATION = 'a moderation result';

/** How many results a request gets: one per text of a list of texts; one for a text, or for text and images together. */
export function resultsFor(input: ModerationCreateParams['input']): number {
	if (Array.isArray(input) && input.every((entry) => typeof entry === 'string')) return input.length;
	return 1;
}
