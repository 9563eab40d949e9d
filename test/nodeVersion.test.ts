/**
 * The Node.js version signal: on a Node older than 24, `npm install`/`npm ci` stop through
 * `engine-strict` (.npmrc), and `npm test`, `npm run demo`, `npm run fake-openai`, `npm run bench`
 * and `npx jest` stop at once with one plain line (scripts/check-node.js). The old Node is faked
 * in a child process, so this runs on the Node 24 the tests need.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(__dirname, '..');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const guard = require('../scripts/check-node.js') as {
	REQUIRED_MAJOR: number;
	nodeVersionProblem(version: string): string | undefined;
};
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { engines: { node: string }; scripts: Record<string, string> };

const OLD = 'v20.20.2';
const MESSAGE = 'This project needs Node.js 24 (you have v20.20.2); `nvm use` reads .nvmrc';

/** Runs `node <args>` with `process.version` faked to `version` before anything else runs. */
function nodeAs(version: string, args: string[]) {
	const dir = mkdtempSync(join(tmpdir(), 'oaip-node-version-'));
	try {
		const preload = join(dir, 'fake-version.js');
		writeFileSync(preload, `Object.defineProperty(process, 'version', { value: ${JSON.stringify(version)} });\n`);
		return spawnSync(process.execPath, ['--require', preload, ...args], { cwd: root, encoding: 'utf8', timeout: 30_000 });
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}

describe('the Node.js version check', () => {
	it('names the needed and the running version, and where the right one comes from', () => {
		expect(guard.nodeVersionProblem(OLD)).toBe(MESSAGE);
		expect(guard.nodeVersionProblem('v9.11.2')).toBe('This project needs Node.js 24 (you have v9.11.2); `nvm use` reads .nvmrc');
		expect(guard.nodeVersionProblem('v23.11.1')).toMatch(/needs Node\.js 24 \(you have v23\.11\.1\)/);
		expect(guard.nodeVersionProblem('v24.0.0')).toBeUndefined();
		expect(guard.nodeVersionProblem('v25.2.1')).toBeUndefined();
		expect(guard.nodeVersionProblem(process.version)).toBeUndefined();
	});

	it('stops the script run on an old Node with that one line, and lets Node 24 through silently', () => {
		const old = nodeAs(OLD, ['scripts/check-node.js']);
		expect(old.status).toBe(1);
		expect(old.stderr).toBe(`${MESSAGE}\n`);
		expect(old.stdout).toBe('');
		const current = nodeAs(process.version, ['scripts/check-node.js']);
		expect(current.status).toBe(0);
		expect(current.stderr + current.stdout).toBe('');
	});

	it('stops `npx jest` too: jest.config.js runs the check before Jest does anything', () => {
		const old = nodeAs(OLD, ['-e', "require('./jest.config.js'); console.log('jest would start')"]);
		expect(old.status).toBe(1);
		expect(old.stderr).toBe(`${MESSAGE}\n`);
		expect(old.stdout).toBe('');
		const current = nodeAs(process.version, ['-e', "require('./jest.config.js'); console.log('jest would start')"]);
		expect(current.stdout).toBe('jest would start\n');
	});

	it('runs first in every npm script that runs this repository’s code under the Node on PATH', () => {
		for (const script of ['test', 'demo', 'fake-openai', 'bench']) {
			expect(pkg.scripts[script]).toMatch(/^node scripts\/check-node\.js && /);
		}
		// dev and the e2e provision Node 24 themselves (.ci/node24.sh) instead of stopping
		for (const script of ['scripts/dev/dev.sh', 'scripts/e2e/run.sh', 'scripts/e2e/bench-n8n.sh']) {
			expect(readFileSync(join(root, script), 'utf8')).toMatch(/^ensure_node24$/m);
		}
	});

	it('agrees with package.json, .nvmrc and .npmrc', () => {
		expect(pkg.engines.node).toBe(`>=${guard.REQUIRED_MAJOR}.0.0`);
		expect(readFileSync(join(root, '.nvmrc'), 'utf8').trim()).toBe(String(guard.REQUIRED_MAJOR));
		expect(readFileSync(join(root, '.npmrc'), 'utf8')).toMatch(/^engine-strict=true$/m);
	});
});
