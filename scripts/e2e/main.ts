/**
 * The e2e run (`npm run test:e2e` → scripts/e2e/run.sh → this): the packed package inside a real n8n.
 * Needs E2E_N8N_HOME (the cached n8n install), E2E_TARBALL (npm pack output), E2E_WORK (a scratch folder).
 * Arguments: example names to run only those (the usage-trigger phase runs when its example is chosen).
 */
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { startFakeOpenAi } from '../../test/fake-openai';
import { installTarball } from './communityPackage';
import { demoCredentials } from './credentials';
import { loadExamples, readPackageCatalog } from './examples';
import { planExamples, runCliExample } from './cliExamples';
import { N8n } from './n8n';
import { EXAMPLES_DIR, REPO } from './paths';
import { stopChildrenOnSignal } from './process';
import { Report } from './report';
import { runUsageTriggerPhase } from './usageTrigger';

function required(name: string): string {
	const value = process.env[name];
	if (!value) throw new Error(`${name} is not set (run this through scripts/e2e/run.sh)`);
	return value;
}

async function main(): Promise<number> {
	const home = required('E2E_N8N_HOME');
	const tarball = required('E2E_TARBALL');
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

		const installed = await report.check('package installs as a community package (runtime deps only)', async () => {
			const dir = await installTarball(tarball, n8n.userFolder);
			return await describeInstall(dir);
		});
		if (!installed) return 1;

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
		return report.failed > 0 ? 1 : 0;
	} catch (error) {
		report.add({ name: 'e2e run', outcome: 'FAIL', detail: error instanceof Error ? error.stack ?? error.message : String(error), ms: 0 });
		return 1;
	} finally {
		await fake.stop();
		console.log(report.summary());
	}
}

async function describeInstall(dir: string): Promise<string> {
	const modules = existsSync(join(dir, 'node_modules')) ? readdirSync(join(dir, 'node_modules')).filter((m) => !m.startsWith('.')) : [];
	const devOnly = ['jest', 'typescript', 'n8n-workflow', 'n8n-core', 'eslint', 'gulp'].filter((m) => modules.includes(m));
	if (!modules.includes('openai')) throw new Error(`the runtime dependency openai was not installed into ${dir}/node_modules`);
	if (devOnly.length > 0) throw new Error(`devDependencies/peerDependencies were installed: ${devOnly.join(', ')}`);
	return `${dir} (node_modules: ${modules.join(', ')})`;
}

main().then(
	(code) => process.exit(code),
	(error) => {
		console.error(error);
		process.exit(1);
	},
);
