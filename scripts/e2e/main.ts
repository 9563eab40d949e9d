/**
 * The e2e run (`npm run test:e2e` → scripts/e2e/run.sh → this): the packed package inside a real n8n.
 * Needs E2E_N8N_HOME (the cached n8n install) and E2E_WORK (a scratch folder). The package gets into
 * n8n by the README's local-install recipe (npm pack, then npm install of the tarball in ~/.n8n/nodes).
 * Arguments: example names to run only those (the usage-trigger phase runs when its example is chosen;
 * `stop-upload` names the Stop-during-an-upload check).
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

import { startFakeOpenAi } from '../../test/fake-openai';
import { installTarball } from './communityPackage';
import { runLocalInstallRecipe } from './localInstall';
import { demoCredentials } from './credentials';
import { loadExamples, readPackageCatalog } from './examples';
import { planExamples, runCliExample } from './cliExamples';
import { N8n } from './n8n';
import { EXAMPLES_DIR, REPO } from './paths';
import { stopChildrenOnSignal } from './process';
import { Report } from './report';
import { runStopUploadPhase, STOP_UPLOAD_CHECK } from './stopUpload';
import { runUsageTriggerPhase } from './usageTrigger';
import { runWebhookTriggerPhase } from './webhookTrigger';

function required(name: string): string {
	const value = process.env[name];
	if (!value) throw new Error(`${name} is not set (run this through scripts/e2e/run.sh)`);
	return value;
}

async function main(): Promise<number> {
	const home = required('E2E_N8N_HOME');
	const work = required('E2E_WORK');
	const only = process.argv.slice(2);
	const report = new Report();
	const fake = await startFakeOpenAi();
	stopChildrenOnSignal(() => fake.stop());
	report.step(`fake OpenAI API at ${fake.url}`);
	try {
		const n8n = new N8n(home, join(work, 'user'));
		const version = await n8n.cliOrThrow(['--version']);
		report.step(`n8n ${version.stdout.trim()} from ${home}, user folder ${n8n.userFolder}`);

		let tarball = '';
		const installed = await report.check("README's local-install recipe: npm pack, npm install --omit=peer in ~/.n8n/nodes", async () => {
			const recipe = await runLocalInstallRecipe(n8n.userFolder);
			tarball = recipe.tarball;
			const skipped = recipe.skipped.length > 0 ? `; not run here: ${recipe.skipped.join(', ')} (installed already)` : '';
			return `${await describeInstall(recipe.dir, n8n.userFolder)}${skipped}`;
		});
		if (!installed) return 1;
		await report.check("the same tarball installs the way n8n's Community Nodes page does (runtime deps only)", async () => {
			const folder = join(work, 'editor-install');
			return await describeInstall(await installTarball(tarball, folder), folder);
		});

		const catalog = readPackageCatalog(REPO);
		const examples = loadExamples(EXAMPLES_DIR).filter((e) => only.length === 0 || only.includes(e.name));
		const plan = planExamples(examples, catalog, report);

		const importDir = join(work, 'workflows');
		mkdirSync(importDir, { recursive: true });
		for (const { example, workflow } of plan.importable) writeFileSync(join(importDir, `${example.name}.json`), JSON.stringify(workflow));
		const imported = await report.check('credentials and example workflows import (n8n import:credentials / import:workflow)', async () => {
			await n8n.importCredentials(demoCredentials(fake.url));
			if (plan.importable.length > 0) await n8n.importWorkflows(importDir);
			return `${plan.importable.length} workflow(s): ${plan.importable.map((p) => p.example.name).join(', ')}`;
		});
		if (!imported) return 1;

		for (const entry of plan.cli) await runCliExample(n8n, fake, entry, report);
		await runUsageTriggerPhase({ n8n, fake, report, catalog, examples: plan.server, work, filtered: only.length > 0 });
		await runWebhookTriggerPhase({ n8n, fake, report, catalog, examples: plan.webhook, work });
		if (only.length === 0 || only.includes(STOP_UPLOAD_CHECK)) await runStopUploadPhase({ n8n, fake, report, work });
		return report.failed > 0 ? 1 : 0;
	} catch (error) {
		report.add({ name: 'e2e run', outcome: 'FAIL', detail: error instanceof Error ? error.stack ?? error.message : String(error), ms: 0 });
		return 1;
	} finally {
		await fake.stop();
		console.log(report.summary());
	}
}

/**
 * What the installed package resolves where n8n loads it (node's lookup: its own node_modules, then
 * each parent's, up to `root`): openai must be there; dev and peer dependencies must not be, so the
 * package uses n8n's own n8n-workflow.
 */
async function describeInstall(dir: string, root: string): Promise<string> {
	if (!existsSync(join(dir, 'package.json'))) throw new Error(`nothing was installed at ${dir}`);
	const openai = installedFrom(dir, 'openai', root);
	if (!openai) throw new Error(`the runtime dependency openai is not installed where ${dir} can load it`);
	const devOnly = ['jest', 'typescript', 'n8n-workflow', 'n8n-core', 'eslint', 'gulp'].filter((m) => installedFrom(dir, m, root));
	if (devOnly.length > 0) throw new Error(`devDependencies/peerDependencies were installed: ${devOnly.join(', ')}`);
	return `${dir} (openai from ${relative(root, openai)})`;
}

function installedFrom(dir: string, name: string, root: string): string | undefined {
	for (let at = dir; at.startsWith(root); at = dirname(at)) {
		const candidate = join(at, 'node_modules', name);
		if (existsSync(join(candidate, 'package.json'))) return candidate;
		if (at === root) break;
	}
	return undefined;
}

main().then(
	(code) => process.exit(code),
	(error) => {
		console.error(error);
		process.exit(1);
	},
);
