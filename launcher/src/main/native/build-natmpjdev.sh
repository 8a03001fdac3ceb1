#!/bin/bash
# Builds MPJ Express's native device, libnativempjdev.so, from MPJ Express 0.44's own sources (Debian's
# mpj_0.44+dfsg.orig.tar.xz) with Doka's natmpjdev.patch applied, against the MPI whose C compiler wrapper
# is $MPICC (default mpicc). ./doka runs it with Debian's Open MPI; on Fugaku run it by hand with
# MPICC="mpifccpx -Nclang" (docs/fugaku.md, which says what the patch mends and why).
#
# usage: build-natmpjdev.sh <mpj_0.44+dfsg.orig.tar.xz> <output-folder>
# writes <output-folder>/libnativempjdev.so and <output-folder>/built-from (the sources' and the patch's SHA-256
# and the compiler), which job.sh checks; the sources it built from stay in <output-folder>/src.
set -euo pipefail
ORIG_SHA256=75ab5bbb2e40359c75cb30222b6d85d2ba0d1291a0fcef0c6b0b4f465436bb75
here="$(cd "$(dirname "$0")" && pwd)"
[ $# -eq 2 ] || { echo "usage: $0 <mpj_0.44+dfsg.orig.tar.xz> <output-folder>" >&2; exit 2; }
tarball="$1" out="$2"
echo "$ORIG_SHA256  $tarball" | sha256sum -c --quiet - >&2 \
    || { echo "$0: $tarball: SHA-256 is not $ORIG_SHA256 (MPJ Express 0.44 as Debian ships it); not building from it" >&2; exit 1; }
MPICC="${MPICC:-mpicc}"
if [ -z "${JAVA_HOME:-}" ]; then
    JAVA_HOME="$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")"
fi
[ -f "$JAVA_HOME/include/jni.h" ] || { echo "$0: no jni.h in $JAVA_HOME/include: set JAVA_HOME to a JDK 17" >&2; exit 1; }

mkdir -p "$out"
src="$out/src"
rm -rf "$src" && mkdir -p "$src"
tar -xJf "$tarball" -C "$src" mpj-v0_44/src/mpjdev/natmpjdev/lib
lib="$src/mpj-v0_44/src/mpjdev/natmpjdev/lib"
patch -d "$lib" -p1 --forward --silent <"$here/natmpjdev.patch"
# -fcommon: the sources define their JNI caches in several files, which GCC 10+ and clang (-fno-common) refuse to link
# shellcheck disable=SC2086 # MPICC may carry options (mpifccpx -Nclang)
$MPICC -O2 -fPIC -fcommon -shared -I"$JAVA_HOME/include" -I"$JAVA_HOME/include/linux" \
    "$lib"/mpjdev_natmpjdev_*.c -o "$out/libnativempjdev.so"
echo "$ORIG_SHA256 $(sha256sum <"$here/natmpjdev.patch" | cut -d' ' -f1) $(command -v "${MPICC%% *}")" >"$out/built-from"
