#!/usr/bin/env bash
# Installs what the browser tests need when it is missing: Debian's chromium
# and chromium-driver, and selenium from PyPI (pinned: newer releases need a
# certifi newer than the package index here has).
set -euo pipefail
sudo=""
[ "$(id -u)" -ne 0 ] && sudo="sudo"
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v chromedriver >/dev/null 2>&1 || missing+=(chromium-driver)
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing: ${missing[*]}" >&2
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi
python3 -c "import selenium" 2>/dev/null || python3 -m pip install --quiet "selenium==4.40.0"
