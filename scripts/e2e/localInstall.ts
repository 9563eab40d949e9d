import { existsSync, readFileSync, rmSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

import { PACKAGE_NAME, communityPackageDir } from './communityPackage';
import { REPO } from './paths';
import { runCommand } from './process';

/** Marks the README's shell block "install a local build into your own n8n" (Install section). */
export const LOCAL_INSTALL_MARKER = '<!-- local-install -->';

/** The README's local-install recipe: the lines of the shell block after the marker. */
export function localInstallRecipe(readme: string): string[] {
	const after = readme.split(LOCAL_INSTALL_MARKER)[1];
	const block = after === undefined ? undefined : /```sh\n([\s\S]*?)```/.exec(after)?.[1];
	if (block === undefined) throw new Error(`README.md has no shell block after ${LOCAL_INSTALL_MARKER}`);
	return block.split('\n').filter((line) => line.trim() !== '' && !line.trim().startsWith('#'));
}

/**
 * What the e2e runs of it: everything but `npm ci` (this checkout is installed already, and a
 * reinstall would replace the node_modules the e2e itself runs from).
 */
export function recipeForE2e(lines: readonly string[]): { run: string[]; skipped: string[] } {
	const isInstall = (line: string) => /^npm ci(\s|$)/.test(line.trim());
	return { run: lines.filter((line) => !isInstall(line)), skipped: lines.filter(isInstall) };
}

/**
 * Runs the README's recipe as a user would, in this checkout, with HOME set to `home`: so it packs
 * this checkout (prepack builds it) and installs the tarball into `<home>/.n8n/nodes`, the folder n8n
 * reads with N8N_USER_FOLDER=<home>. Leaves no tarball behind in the checkout unless one was there.
 */
export async function runLocalInstallRecipe(home: string): Promise<{ dir: string; tarball: string; ran: string[]; skipped: string[] }> {
	const { run, skipped } = recipeForE2e(localInstallRecipe(readFileSync(join(REPO, 'README.md'), 'utf8')));
	const { version } = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { version: string };
	const tarballName = `${PACKAGE_NAME}-${version}.tgz`;
	const leftInRepo = join(REPO, tarballName);
	const hadTarball = existsSync(leftInRepo);
	try {
		const result = await runCommand('bash', ['-c', ['set -euo pipefail', ...run].join('\n')], {
			cwd: REPO,
			// HOME moves `~` only: npm keeps the user's own config and cache (registry, mirror)
			env: {
				...process.env,
				HOME: home,
				npm_config_userconfig: process.env.npm_config_userconfig ?? join(homedir(), '.npmrc'),
				npm_config_cache: process.env.npm_config_cache ?? join(homedir(), '.npm'),
			},
			timeoutMs: 600_000,
		});
		if (result.code !== 0) throw new Error(`the README's install recipe failed (${result.code}):\n${(result.stderr || result.stdout).slice(-3000)}`);
	} finally {
		if (!hadTarball) rmSync(leftInRepo, { force: true });
	}
	return { dir: communityPackageDir(home), tarball: join(home, '.n8n', 'nodes', tarballName), ran: run, skipped };
}
