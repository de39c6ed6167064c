#!/usr/bin/env bash
# Gradescope runs this once, as root, when it builds the autograder's image: it installs Node.js
# (22, from NodeSource, unless a Node.js 20.19 or newer is already there) and the grader's
# packages, exactly as package-lock.json pins them.
set -euo pipefail
cd "${AUTOGRADER_ROOT:-/autograder}/source"

if ! command -v node >/dev/null 2>&1 || ! node grader/bin/check-node.cjs >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq ca-certificates curl gnupg >/dev/null
  curl -fsSL https://deb.nodesource.com/setup_22.x | bash - >/dev/null
  apt-get install -y -qq nodejs >/dev/null
fi
node --version
npm ci --no-audit --no-fund
