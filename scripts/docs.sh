#!/usr/bin/env bash
# make docs: the manual as a site. The pictures are the screens the tests
# photograph: after a test run (`make test`, or one end-to-end file) the
# newer screenshots in target/e2e/ and target/test-shots/ replace the
# manual's copies of the same name (commit them). Then mdBook builds the
# site into target/docs/manual/ and the links and pictures are checked.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
updated=0
for picture in docs/src/gambar/*.png; do
  name=$(basename "$picture")
  for taken in "target/e2e/$name" "target/test-shots/$name"; do
    if [ -f "$taken" ] && [ "$taken" -nt "$picture" ] && ! cmp -s "$taken" "$picture"; then
      cp "$taken" "$picture"
      updated=$((updated + 1))
    fi
  done
done
[ "$updated" -gt 0 ] && echo "Gambar diperbarui dari hasil tes: $updated (commit docs/src/gambar/)."
mdbook build docs
node scripts/docs-check.mjs
echo "Panduan: target/docs/manual/index.html"
