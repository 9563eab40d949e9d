import { randomBytes } from 'node:crypto';

import { signingSecretProblem } from '../../nodes/OpenAiWebhookTrigger/secretTest';

describe('the signing secret credential test (format only)', () => {
	it('accepts a whsec_ secret with a 32-byte base64 key', () => {
		expect(signingSecretProblem(`whsec_${randomBytes(32).toString('base64')}`)).toBeUndefined();
		expect(signingSecretProblem(`  whsec_${randomBytes(32).toString('base64')}\n`)).toBeUndefined();
	});

	it.each([
		['', /Enter the signing secret/],
		[undefined, /Enter the signing secret/],
		['sk-proj-abc', /starts with whsec_/],
		[`whsec_${randomBytes(32).toString('base64').slice(0, 20)}`, /not copied whole/],
		['whsec_not base64!', /not copied whole/],
	])('refuses %p', (value, message) => {
		expect(signingSecretProblem(value)).toMatch(message);
	});
});
