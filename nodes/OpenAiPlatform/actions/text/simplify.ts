import type { IDataObject } from 'n8n-workflow';
import type { Completion } from 'openai/resources/completions';

import { normaliseUsage } from '../../../shared/tokenUsage';

/** The first choice's text and why it stopped, the other choices when several were asked for, usage. */
export function simplifyCompletion(completion: Completion): IDataObject {
	const choices = (completion.choices ?? []).map((choice) => {
		const out: IDataObject = { index: choice.index, text: choice.text, finish_reason: choice.finish_reason };
		if (choice.logprobs) out.logprobs = choice.logprobs as unknown as IDataObject;
		return out;
	});
	const [first, ...others] = choices;
	const { index: _index, ...main } = first ?? { text: '', finish_reason: null };
	return {
		...main,
		...(others.length > 0 ? { choices: others } : {}),
		model: completion.model,
		id: completion.id,
		usage: normaliseUsage(completion.usage as unknown as IDataObject),
	};
}
