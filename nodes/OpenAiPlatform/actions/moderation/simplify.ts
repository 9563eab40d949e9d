import type { IDataObject } from 'n8n-workflow';
import type { ModerationCreateResponse } from 'openai/resources/moderations';

export type ScoreSelection = 'all' | 'top5';

/**
 * Flagged or not, the names of the flagged categories, and the category scores (highest first:
 * all of them or the top 5). With several results (one per input) a category counts as flagged
 * when any result flags it, and its score is the highest one. Moderations report no token usage,
 * so there is no `usage` field.
 */
export function simplifyModeration(response: ModerationCreateResponse, scores: ScoreSelection): IDataObject {
	const results = response.results ?? [];
	const flaggedCategories = new Set<string>();
	const highest = new Map<string, number>();
	const inputTypes = new Map<string, Set<string>>();
	for (const result of results) {
		for (const [name, flagged] of Object.entries(result.categories ?? {})) {
			if (flagged === true) flaggedCategories.add(name);
		}
		for (const [name, score] of Object.entries(result.category_scores ?? {})) {
			if (typeof score === 'number') highest.set(name, Math.max(score, highest.get(name) ?? -Infinity));
		}
		for (const [name, types] of Object.entries(result.category_applied_input_types ?? {})) {
			if (!Array.isArray(types)) continue;
			const set = inputTypes.get(name) ?? new Set<string>();
			for (const type of types) set.add(type);
			inputTypes.set(name, set);
		}
	}
	const ranked = [...highest.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
	const categories = [...flaggedCategories].sort();
	const out: IDataObject = {
		flagged: results.some((result) => result.flagged),
		categories,
		category_scores: Object.fromEntries(scores === 'all' ? ranked : ranked.slice(0, 5)),
	};
	const appliedTo = categories
		.filter((name) => inputTypes.get(name)?.size)
		.map((name) => [name, [...(inputTypes.get(name) ?? [])]] as const);
	if (appliedTo.length > 0) out.applied_input_types = Object.fromEntries(appliedTo);
	out.model = response.model;
	out.id = response.id;
	return out;
}
