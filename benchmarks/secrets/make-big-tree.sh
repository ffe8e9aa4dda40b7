#!/usr/bin/env bash
# Builds a tree of ordinary source text (C/C++ headers, Swift interfaces, Python) of about
# TARGET_MB megabytes (default 1024) under DEST (default /tmp/secrets-big-tree) by copying
# /usr/include, the Swift toolchain's .swiftinterface/.h files and the Python stdlib's .py
# files, repeating the copies in numbered folders until the size is reached.
set -euo pipefail
DEST="${DEST:-/tmp/secrets-big-tree}"
TARGET_MB="${TARGET_MB:-1024}"
sources=(/usr/include)
[ -d /opt/swift/usr/lib/swift ] && sources+=(/opt/swift/usr/lib/swift)
py="$(python3 -c 'import sysconfig; print(sysconfig.get_paths()["stdlib"])')"
[ -d "$py" ] && sources+=("$py")
rm -rf "$DEST"; mkdir -p "$DEST"
copy=0
size_mb() { du -sm "$DEST" | cut -f1; }
while [ "$(size_mb)" -lt "$TARGET_MB" ]; do
  for src in "${sources[@]}"; do
    out="$DEST/copy$copy/$(basename "$src")"
    mkdir -p "$out"
    (cd "$src" && find . -type f \( -name '*.h' -o -name '*.hpp' -o -name '*.swiftinterface' -o -name '*.py' -o -name '*.c' -o -name '*.inc' -o -name '*.def' \) -size -4M -print0 \
      | cpio -0 -pdm --quiet "$out" 2>/dev/null) || true
    [ "$(size_mb)" -ge "$TARGET_MB" ] && break
  done
  copy=$((copy + 1))
done
echo "$DEST: $(du -sb "$DEST" | cut -f1) bytes in $(find "$DEST" -type f | wc -l) files"
