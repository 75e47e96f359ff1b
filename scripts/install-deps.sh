#!/usr/bin/env bash
# Installs the system libraries Gazette builds against (Debian 12, as root). Idempotent: packages
# already present are not touched, and apt is only asked when something is missing.
set -euo pipefail

packages=(libxapian-dev xapian-tools libicu-dev libxml2-dev zlib1g-dev pkg-config)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${missing[@]}" >/dev/null
fi
if ! command -v swift >/dev/null 2>&1; then
  if [ -x /opt/swift/usr/bin/swift ]; then
    echo "Swift is at /opt/swift/usr/bin; add it to PATH." >&2
  else
    echo "Swift 6 is required (https://swift.org/install/linux/)." >&2
  fi
  exit 1
fi
