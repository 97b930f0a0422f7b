#!/usr/bin/env bash
# flowc's pre-commit hooks (.pre-commit-hooks.yaml) installed and run by the `pre-commit` on PATH
# (Debian's, in .ci/run), the way a user's repository uses them: a scratch git repository whose
# .pre-commit-config.yaml names this repository at its HEAD commit. A clean diagram passes both
# hooks; a broken one fails flowc-lint with its syntax error, and a stale drawing fails
# flowc-render-check.
#
# pre-commit installs a node hook with `npm install` then `npm pack`, and takes the tarball's name
# from npm pack's standard output: the repository's .npmrc (foreground-scripts=false) keeps the
# `prepare` build's banner out of it (npm >= 10.5 printed it there, and the install failed).
set -euo pipefail
repo=$(git -C "$(dirname "$0")/.." rev-parse --show-toplevel)
rev=$(git -C "$repo" rev-parse HEAD)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export PRE_COMMIT_HOME="$work/cache"

mkdir "$work/project"
cd "$work/project"
git init -q
git config user.email ci@flowc.invalid
git config user.name ci
cp "$repo/samples/cqrs.flow" diagram.flow
node "$repo/bin/flowc.js" render diagram.flow -o diagram.svg
cat > .pre-commit-config.yaml <<YAML
repos:
  - repo: $repo
    rev: $rev
    hooks:
      - id: flowc-lint
      - id: flowc-render-check
YAML
git add -A
git commit -qm 'a diagram and its drawing'

echo "pre-commit $(pre-commit --version | cut -d' ' -f2): installing flowc's hooks from $rev"
pre-commit install-hooks
pre-commit run --all-files

fail() {
  echo "check-pre-commit: $*" >&2
  exit 1
}
printf 'n1: circle label:"Start"\nn1 -> \n' > broken.flow
git add broken.flow
if pre-commit run --all-files > out.txt 2>&1; then
  cat out.txt
  fail 'flowc-lint passed a broken diagram'
fi
grep -q 'broken.flow:2' out.txt || { cat out.txt; fail 'flowc-lint did not report broken.flow:2'; }
git rm -q --cached broken.flow && rm broken.flow

sed -i 's/label:"Start"/label:"Begin"/' diagram.flow
git add diagram.flow
if pre-commit run flowc-render-check --all-files > out.txt 2>&1; then
  cat out.txt
  fail 'flowc-render-check passed a drawing that no longer matches its source'
fi
echo 'check-pre-commit: both hooks install and run (clean passes, broken and stale fail)'
