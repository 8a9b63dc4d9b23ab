#!/usr/bin/env bash
# Regenerates the derived parts of this fixture with the real go command, offline:
# gomodcache/cache/download (from the module sources in gomodcache/<path>@<version>/),
# go.sum / go.work.sum, and vendored/vendor/. Run it after editing a module source.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'chmod -R u+w "$tmp"; rm -rf "$tmp"' EXIT

# 1. A file:// module proxy built from the extracted module directories.
python3 - "$here/gomodcache" "$tmp/proxy" <<'PY'
import os, sys, zipfile
src, proxy = sys.argv[1], sys.argv[2]
def unescape(p):
    out, i = [], 0
    while i < len(p):
        if p[i] == '!':
            out.append(p[i + 1].upper()); i += 2
        else:
            out.append(p[i]); i += 1
    return ''.join(out)
for root, dirs, files in os.walk(src):
    rel = os.path.relpath(root, src)
    if rel == 'cache' or rel.startswith('cache' + os.sep):
        dirs[:] = []
        continue
    base = os.path.basename(root)
    if '@' not in base:
        continue
    dirs[:] = []
    esc_path = os.path.relpath(root, src).rsplit('@', 1)[0].replace(os.sep, '/')
    version = base.rsplit('@', 1)[1]
    path = unescape(esc_path)
    vdir = os.path.join(proxy, esc_path, '@v')
    os.makedirs(vdir, exist_ok=True)
    with open(os.path.join(vdir, 'list'), 'a') as f:
        f.write(version + '\n')
    with open(os.path.join(vdir, version + '.info'), 'w') as f:
        f.write('{"Version":"%s","Time":"2024-01-01T00:00:00Z"}\n' % version)
    with open(os.path.join(root, 'go.mod'), 'rb') as g, open(os.path.join(vdir, version + '.mod'), 'wb') as f:
        f.write(g.read())
    with zipfile.ZipFile(os.path.join(vdir, version + '.zip'), 'w') as z:
        for r, _, fs in sorted(os.walk(root)):
            for name in sorted(fs):
                full = os.path.join(r, name)
                z.write(full, path + '@' + version + '/' + os.path.relpath(full, root).replace(os.sep, '/'))
    print(path + '@' + version)
PY

# 2. Download every module from it into a scratch module cache.
export GOPROXY="file://$tmp/proxy" GOMODCACHE="$tmp/cache" GOSUMDB=off GOFLAGS= GOTOOLCHAIN=local GOWORK=off GO111MODULE=on
mods=$(cd "$tmp/proxy" && find . -name '*.zip' | sed -e 's|^\./||' -e 's|/@v/|@|' -e 's|\.zip$||')
for m in $mods; do
  (cd "$tmp" && go mod download "$(python3 -c 'import sys,re; print(re.sub(r"!(.)", lambda m: m.group(1).upper(), sys.argv[1]))' "$m")")
done

# 3. Keep the cache metadata the go command reads offline (.mod, .info, .ziphash, list, and the
#    empty .lock files it creates on every use, so running it leaves the tree clean); the
#    extracted sources are the ones already here, and go list never needs the zips.
rm -rf "$here/gomodcache/cache"
(cd "$tmp/cache" && find cache -type f \( -name '*.mod' -o -name '*.info' -o -name '*.ziphash' -o -name list -o -name '*.lock' -o -name lock \) -print) |
  while read -r f; do mkdir -p "$here/gomodcache/$(dirname "$f")"; cp "$tmp/cache/$f" "$here/gomodcache/$f"; done
chmod -R u+w "$here/gomodcache"

# 4. Checksums, computed offline from that cache (GOSUMDB=off: there is no checksum database
#    for example.com): go.work.sum for the workspace, go.sum and vendor/ for vendored/.
export GOPROXY=off GOMODCACHE="$here/gomodcache" GOENV=off GOSUMDB=off
rm -f "$here/workspace/go.work.sum"
(cd "$here/workspace" && GOWORK= go list -deps ./app/... ./lib/... >/dev/null)
(cd "$here/vendored" && GOFLAGS=-mod=mod go mod tidy && rm -rf vendor && go mod vendor)
echo "regenerated; check with: git status --short $here"
