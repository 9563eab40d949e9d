// `npx jest` on an older Node stops here with one plain line (see scripts/check-node.js).
require('./scripts/check-node.js').exitUnlessSupportedNode();

/** @type {import('jest').Config} */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.dev.json' }],
	},
	setupFiles: ['<rootDir>/test/setup.ts'],
	testTimeout: 30000,
};
