#!/usr/bin/env bash
# Builds the interphase command, packs it as a .NET tool for this machine's runtime, compiled ahead
# of time (ReadyToRun: it starts about twice as fast; docs/decisions/0012-packages-and-start-up.md),
# into artifacts/tool, and installs it.
#
#   ./install.sh                  as a global .NET tool (~/.dotnet/tools, which must be on the PATH)
#   ./install.sh --tool-path DIR  into DIR instead (then run DIR/interphase)
#
# Running it again replaces an installed interphase with the present sources.
set -euo pipefail
cd "$(dirname "$0")"
case "${1:-}" in
  "") where=(--global) ;;
  --tool-path) [ -n "${2:-}" ] || { echo "install.sh: --tool-path needs a folder" >&2; exit 2; }; where=(--tool-path "$2") ;;
  *) echo "usage: ./install.sh [--tool-path DIR]" >&2; exit 2 ;;
esac

rid="$(dotnet --info | awk '$1 == "RID:" { print $2; exit }')"
[ -n "$rid" ] || { echo "install.sh: 'dotnet --info' names no runtime identifier (RID)" >&2; exit 1; }
rm -rf artifacts/tool
dotnet pack src/Interphase.Cli -v q -o artifacts/tool -p:RuntimeIdentifiers="$rid" -p:PublishReadyToRun=true
version="$(dotnet msbuild src/Interphase.Cli -getProperty:Version)"
dotnet tool uninstall "${where[@]}" Interphase.Cli >/dev/null 2>&1 || true
# a package cache of its own: NuGet would otherwise reuse an earlier package of the same version
cache="$(mktemp -d)"
trap 'rm -rf "$cache"' EXIT
NUGET_PACKAGES="$cache" dotnet tool install "${where[@]}" Interphase.Cli --add-source artifacts/tool --version "$version"
if [ "${where[0]}" = "--global" ] && ! command -v interphase >/dev/null 2>&1; then
  echo "install.sh: installed, but 'interphase' is not on your PATH yet; add the .NET tools folder:" >&2
  echo "  export PATH=\"\$PATH:\$HOME/.dotnet/tools\"" >&2
fi
