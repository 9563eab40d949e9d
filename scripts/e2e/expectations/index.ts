/**
 * What each example in examples/ must produce, keyed by its file name without `.workflow.json`.
 * An example without an entry fails the e2e: adding an example is one JSON file plus one entry
 * (in the module of its area).
 */
import type { FakeOpenAi } from '../../../test/fake-openai';
import { breadthExpectations, breadthFakeSetup } from './breadth';
import type { Expectation } from './context';
import { conversationExpectations, conversationFakeSetup } from './conversations';
import { mediaExpectations, mediaFakeSetup } from './media';
import { textExpectations } from './text';
import { e2eVariants, pendingExamples, triggerExpectations, usageExpectations } from './usage';
import { videoExpectations, videoFakeSetup } from './video';
import { webhookExpectations } from './webhook';

export type { ExampleContext, TriggerContext } from './context';
export { countCalls } from './context';
export type { WebhookContext } from './webhook';
export { e2eVariants, pendingExamples, triggerExpectations, webhookExpectations };

/** Examples started by a Manual Trigger and run with `n8n execute`. */
export const expectations: Record<string, Expectation> = {
	...textExpectations,
	...conversationExpectations,
	...mediaExpectations,
	...usageExpectations,
	...videoExpectations,
	...breadthExpectations,
};

/** Prepares the fake for an example after it was reset. */
export const fakeSetup: Record<string, (fake: FakeOpenAi) => void> = { ...mediaFakeSetup, ...conversationFakeSetup, ...videoFakeSetup, ...breadthFakeSetup };
