#!/usr/bin/env bash
# Installs the HCL parser (npm @cdktf/hcl2json) into tools/hcl2json/node_modules (git-ignored), once.
# Needs only the npm registry; bounded so a hung registry cannot stall CI.
set -euo pipefail
cd "$(dirname "$0")"
if [ -f node_modules/@cdktf/hcl2json/package.json ]; then
  exit 0
fi
timeout 300 npm install --no-audit --no-fund --no-package-lock --loglevel=error
