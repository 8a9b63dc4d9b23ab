#!/usr/bin/env bash
# Runs the VS Code end-to-end test on a packaged .vsix, installing what it needs when missing:
# Debian's chromium (root), code-server through the shared install script, and the extension's
# npm packages (playwright-core) from package-lock.json.
#
#   editors/vscode/test/e2e/run.sh target/dist/go-analyzer-linux-x64.vsix
#
# GA_CODE_SERVER_DIR: where code-server is (or gets) installed, default ~/.cache/go-analyzer/code-server.
# GA_E2E_ARTIFACTS: screenshots and logs, default target/e2e/vscode.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
ext=$(cd "$here/../.." && pwd)
repo=$(cd "$ext/../.." && pwd)
vsix=$(realpath "${1:?usage: run.sh VSIX}")
code_server_dir=${GA_CODE_SERVER_DIR:-$HOME/.cache/go-analyzer/code-server}

fail() { echo "vscode e2e: $*" >&2; exit 1; }

if ! command -v chromium >/dev/null; then
  [ "$(id -u)" = 0 ] || fail "chromium is missing; install Debian's chromium package (needs root)"
  echo "installing chromium"
  export DEBIAN_FRONTEND=noninteractive
  timeout 600 apt-get update -qq
  timeout 900 apt-get install -y -qq chromium >/dev/null
fi
chromium --version

if [ ! -d "$ext/node_modules/playwright-core" ]; then
  (cd "$ext" && timeout 600 npm ci --no-audit --no-fund)
fi

# The shared tools folder sits beside the repository (CI's clone, a developer's checkout), or
# at its usual place on our machines.
install=${GA_INSTALL_CODE_SERVER:-}
for candidate in "$repo/../shared/tools/install-code-server.sh" /work/shared/tools/install-code-server.sh; do
  [ -n "$install" ] || { [ -f "$candidate" ] && install=$candidate; }
done
[ -n "$install" ] || fail "install-code-server.sh not found (set GA_INSTALL_CODE_SERVER)"
timeout 1200 bash "$install" "$code_server_dir"

exec timeout 600 node "$here/run.mjs" --code-server "$code_server_dir" --vsix "$vsix" \
  --artifacts "${GA_E2E_ARTIFACTS:-$repo/target/e2e/vscode}"
