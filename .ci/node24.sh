# Puts a Node >= 24 on PATH: the machine's own when it is new enough, otherwise the official
# binary that the npm registry serves (the node@24 package installs it from node-<os>-<arch>@24),
# cached outside the repo. Sourced by .ci/run and the e2e/dev scripts.
ensure_node24() {
	local major
	major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
	if [ "$major" -ge 24 ]; then ensure_npm_allow_scripts; return; fi
	echo "node24: this project needs Node.js 24 (you have $(node --version 2>/dev/null || echo none)); using Node 24 from the cache for this run" >&2
	local arch
	case "$(uname -m)" in
		x86_64 | amd64) arch=x64 ;;
		aarch64 | arm64) arch=arm64 ;;
		*) echo "node24: unsupported machine $(uname -m)" >&2; return 1 ;;
	esac
	local cache="${XDG_CACHE_HOME:-$HOME/.cache}/n8n-nodes-openai-platform/node24-$arch"
	local bin="$cache/node_modules/node-linux-$arch/bin"
	if [ ! -x "$bin/node" ]; then
		echo "node24: installing node-linux-$arch@24 from the npm registry into $cache"
		mkdir -p "$cache"
		npm install --prefix "$cache" --no-save --no-audit --no-fund --ignore-scripts "node-linux-$arch@24" >&2
	fi
	export PATH="$bin:$PATH"
	major=$(node -p 'process.versions.node.split(".")[0]')
	if [ "$major" -lt 24 ]; then
		echo "node24: still on node $(node --version)" >&2
		return 1
	fi
	ensure_npm_allow_scripts
}

# package.json's "allowScripts" (which keeps a lint plugin's pnpm-only preinstall from running) needs
# npm 11.16 or newer; an older system npm would run that preinstall and fail. Puts npm 11 from the
# registry on PATH when the machine's npm is older.
ensure_npm_allow_scripts() {
	local version
	version=$(npm --version 2>/dev/null || echo 0.0.0)
	if node -e 'const [a, b] = process.argv[1].split(".").map(Number); process.exit(a > 11 || (a === 11 && b >= 16) ? 0 : 1)' "$version"; then
		return 0
	fi
	local cache="${XDG_CACHE_HOME:-$HOME/.cache}/n8n-nodes-openai-platform/npm11"
	if [ ! -x "$cache/node_modules/.bin/npm" ]; then
		echo "node24: npm $version is older than 11.16; installing npm@11 into $cache" >&2
		mkdir -p "$cache"
		npm install --prefix "$cache" --no-save --no-audit --no-fund --ignore-scripts "npm@11" >&2
	fi
	export PATH="$cache/node_modules/.bin:$PATH"
	echo "node24: npm $(npm --version)" >&2
}
