#!/bin/sh
# Builds the shim bundle: what `manifold install` puts on a node that has no JDK.
#
#   build-bundle.sh JAVA_HOME BUILD_DIR VERSION
#
# JAVA_HOME is the JDK that runs Maven (its jlink and jdeps make the runtime); BUILD_DIR holds the
# packaged manifold-shim.jar and lib/gson.jar; the bundle goes to BUILD_DIR/bundle:
#
#   manifold-shim        the launcher (src/bundle/manifold-shim)
#   manifold-shim.jar, lib/gson.jar
#   runtime/             jlink'd runtime with only the modules the shim needs
#   shim.aot             AOT cache made by that runtime (JDK 25+; absent with an older JDK)
#   BUNDLE               what is inside, for people
#
# A JDK without jlink, or one that cannot link (no jmods and not a linkable run-time image, e.g.
# Debian's openjdk-21 without openjdk-21-jmods) fails the build: a shim that cannot be installed
# must not pass unnoticed. -Dmanifold.shimBundle.skip=true skips this step on purpose.
#
# The runtime is rebuilt only when the JDK, the module list or the jlink options change (jlink is
# most of the time this takes); jars, launcher and cache are replaced on every run.
set -eu

die() {
    echo "build-bundle: $*" >&2
    exit 1
}

[ $# -eq 3 ] || die "usage: build-bundle.sh JAVA_HOME BUILD_DIR VERSION"
java_home=$1
build=$2
version=$3
here=$(dirname "$(readlink -f "$0")")
bundle="$build/bundle"

jlink="$java_home/bin/jlink"
jdeps="$java_home/bin/jdeps"
[ -x "$jlink" ] && [ -x "$jdeps" ] || die "no jlink/jdeps in $java_home (a JRE?): the shim bundle needs a JDK 21+ with jlink; or skip it with -Dmanifold.shimBundle.skip=true"
[ -r "$build/manifold-shim.jar" ] && [ -r "$build/lib/gson.jar" ] || die "manifold-shim.jar and lib/gson.jar must be in $build first"

java_version=$(sed -n 's/^JAVA_VERSION="\(.*\)"$/\1/p' "$java_home/release")
java_major=${java_version%%[!0-9]*}
[ -n "$java_major" ] || die "cannot read JAVA_VERSION from $java_home/release"

# Modules: the JDK modules jdeps finds in the shim and in Gson, minus java.sql. Gson refers to
# java.sql only from com.google.gson.internal.sql (type adapters for java.sql.Date/Time/Timestamp),
# which it loads only for a Gson instance and only when java.sql is present (SqlTypesSupport
# probes Class.forName("java.sql.Date")). The shim uses Gson's streaming reader alone and never
# builds a Gson instance; the shim's own classes must not need java.sql either (checked below).
# One summary run (-s): --print-module-deps costs several times more CPU.
summary=$("$jdeps" -J-XX:TieredStopAtLevel=1 -J-XX:+UseSerialGC --multi-release "$java_major" -s \
    "$build/manifold-shim.jar" "$build/lib/gson.jar" 2>/dev/null) || die "jdeps failed on manifold-shim.jar and gson.jar"
case $summary in
    *"manifold-shim.jar -> java.sql"*) die "the shim's own classes use java.sql; it can no longer be left out of the runtime" ;;
esac
modules=$(printf '%s\n' "$summary" | sed -n 's/^.* -> \(java\.[a-z.]*\|jdk\.[a-z.]*\)$/\1/p' \
    | grep -vx 'java.sql' | sort -u | paste -sd, -)
case ",$modules," in
    *,java.base,*) ;;
    *) die "jdeps found no JDK modules in: $summary" ;;
esac

# --strip-debug drops line numbers from stack traces (the shim reports errors as CNI JSON, not
# traces); zip-6 halves lib/modules, and an AOT-cached start reads few classes from it.
jlink_options="--strip-debug --no-header-files --no-man-pages --compress=zip-6"
stamp="$java_home $java_version $modules $jlink_options"
stamp_file="$build/bundle-runtime.stamp"
old_stamp=
[ -r "$stamp_file" ] && read -r old_stamp < "$stamp_file"

mkdir -p "$bundle"
if [ "$old_stamp" != "$stamp" ] || ! [ -x "$bundle/runtime/bin/java" ]; then
    rm -rf "$bundle/runtime" "$stamp_file"
    # shellcheck disable=SC2086 # word splitting of the option list is wanted
    "$jlink" --add-modules "$modules" $jlink_options --output "$bundle/runtime" \
        || die "jlink failed with $java_home (a JDK without jmods that cannot link its own run-time image needs its jmods package, e.g. openjdk-21-jmods); or skip the bundle with -Dmanifold.shimBundle.skip=true"
    printf '%s\n' "$stamp" > "$stamp_file"
fi

# Everything but the runtime is rebuilt, so that nothing stale rides along.
find "$bundle" -mindepth 1 -maxdepth 1 ! -name runtime -exec rm -rf {} +
mkdir "$bundle/lib"
# cp -p keeps the jars' modification times: the AOT cache records them and refuses a changed jar.
cp -p "$build/manifold-shim.jar" "$bundle/manifold-shim.jar"
cp -p "$build/lib/gson.jar" "$bundle/lib/gson.jar"
cp "$here/manifold-shim" "$bundle/manifold-shim"
chmod 0755 "$bundle/manifold-shim"

if [ "$java_major" -ge 25 ]; then
    "$bundle/manifold-shim" --create-aot-cache || die "could not create the AOT cache with $bundle/runtime"
else
    echo "build-bundle: WARNING: JDK $java_version cannot make an AOT cache (JDK 25+); the bundle's shim starts slower" >&2
fi

{
    echo "manifold-shim $version"
    echo "java $java_version ($modules)"
    if [ -f "$bundle/shim.aot" ]; then echo "aot-cache shim.aot"; else echo "aot-cache none"; fi
} > "$bundle/BUNDLE"

# The bundle must answer VERSION by itself, with nothing but its own runtime.
out=$(printf '{"cniVersion":"1.1.0"}' | env -i PATH=/usr/bin:/bin CNI_COMMAND=VERSION "$bundle/manifold-shim") \
    || die "the bundle's shim failed VERSION: $out"
case $out in
    *'"supportedVersions"'*) ;;
    *) die "the bundle's shim answered VERSION with: $out" ;;
esac
echo "build-bundle: $bundle ($(du -sk "$bundle" | cut -f1) KiB; $modules; $(sed -n 3p "$bundle/BUNDLE"))" >&2
