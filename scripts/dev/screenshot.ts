/**
 * `bash scripts/dev/screenshot.sh`: a fresh local n8n with this package (as `npm run dev` makes it),
 * headless Chromium driven by playwright-core, the node panel of an example open with its model list
 * loaded from the fake API, saved as docs/screenshot-node.png.
 * Env: SHOT_N8N_HOME, SHOT_PLAYWRIGHT (folder of the playwright-core module), SHOT_WORK, SHOT_OUT.
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { DEMO_OWNER } from '../e2e/n8nRest';
import { freePort, sleep, stopChildrenOnSignal } from '../e2e/process';
import { startDevEnvironment } from './environment';

/** The example and node to show, in order of preference (the first whose example was imported). */
const TARGETS = [
	{ workflowId: 'exChatRowsJson01', node: 'Classify each row' },
	{ workflowId: 'exDemoModels0001', node: 'List GPT models' },
];

const CHROMIUM_FLAGS = [
	'--headless',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--no-first-run',
];

interface Locator {
	first(): Locator;
	click(options?: Record<string, unknown>): Promise<void>;
	dblclick(options?: Record<string, unknown>): Promise<void>;
	waitFor(options?: Record<string, unknown>): Promise<void>;
	count(): Promise<number>;
}
interface Page {
	goto(url: string, options?: Record<string, unknown>): Promise<unknown>;
	locator(selector: string): Locator;
	getByText(text: string, options?: Record<string, unknown>): Locator;
	screenshot(options: Record<string, unknown>): Promise<unknown>;
	keyboard: { press(key: string): Promise<void> };
}
interface Playwright {
	chromium: {
		launch(options: Record<string, unknown>): Promise<{
			newContext(options: Record<string, unknown>): Promise<{
				addCookies(cookies: Array<Record<string, unknown>>): Promise<void>;
				addInitScript(script: string): Promise<void>;
				newPage(): Promise<Page>;
			}>;
			close(): Promise<void>;
		}>;
	};
}

async function main(): Promise<void> {
	const home = required('SHOT_N8N_HOME');
	const work = required('SHOT_WORK');
	const out = required('SHOT_OUT');
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const playwright = require(required('SHOT_PLAYWRIGHT')) as Playwright;
	stopChildrenOnSignal(); // Ctrl-C: stop n8n (by pid); the in-process fake ends with this process
	const env = await startDevEnvironment({
		home,
		userFolder: join(work, 'user'),
		port: await freePort(),
		fakePort: 0,
		fakeLatencyMs: 0,
		hotReload: false,
		log: (message) => console.log(`[screenshot] ${message}`),
	});
	let page: Page | undefined;
	const browser = await playwright.chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: CHROMIUM_FLAGS });
	try {
		const context = await browser.newContext({ viewport: { width: 1400, height: 860 } });
		// Signed in as the demo owner: the REST session's cookie, bound to the same browser id.
		await context.addCookies(env.rest.cookies(env.server.url));
		await context.addInitScript(`localStorage.setItem('n8n-browserId', ${JSON.stringify(env.rest.browserId)});`);
		page = await context.newPage();
		const imported = new Set(env.examples.map((e) => e.workflow.id));
		const target = TARGETS.find((t) => imported.has(t.workflowId));
		if (!target) throw new Error('none of the screenshot examples was imported');
		await page.goto(`${env.server.url}/workflow/${target.workflowId}`, { waitUntil: 'networkidle' });
		await page.locator(`[data-test-id="canvas-node"][data-node-name="${target.node}"]`).first().dblclick();
		await page.locator('[data-test-id="ndv"]').first().waitFor({ state: 'visible', timeout: 20_000 });
		await page.locator('[data-test-id="rlc-input"]').first().click();
		await page.locator('[data-test-id="rlc-item"]').first().waitFor({ state: 'visible', timeout: 20_000 });
		await sleep(500);
		await page.screenshot({ path: out });
		console.log(`[screenshot] saved ${out} (${target.node} in ${target.workflowId}; signed in as ${DEMO_OWNER.email})`);
	} catch (error) {
		const failure = join(tmpdir(), 'oaip-screenshot-failure.png');
		await page?.screenshot({ path: failure }).catch(() => undefined);
		console.error(`[screenshot] failed; the page at that moment: ${failure}`);
		throw error;
	} finally {
		await browser.close();
		await env.stop();
	}
}

function required(name: string): string {
	const value = process.env[name];
	if (!value) throw new Error(`${name} is not set: run bash scripts/dev/screenshot.sh`);
	return value;
}

main().then(
	() => process.exit(0),
	(error) => {
		console.error(error);
		process.exit(1);
	},
);
