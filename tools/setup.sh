#!/usr/bin/env bash
# Installs what trailbox needs from Debian 12 packages; fast when everything is already there.
set -euo pipefail
packages=(
  g++ cmake make ccache python3 curl
  libboost-dev libboost-system-dev libsqlite3-dev nlohmann-json3-dev libgtest-dev zlib1g-dev libssl-dev
  libcpp-httplib-dev libyaml-cpp-dev python3-botocore
  # client tests: Debian's AWS CLI v2 and boto3 (the AWS CLI v1 comes preinstalled on our CI machines)
  awscli python3-boto3
)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if ((${#missing[@]})); then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "installing: ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
