# Sourced by the bin/ scripts: find a Java runtime of version 21 or later without starting a JVM
# (reads the "release" file of each candidate). Prints its home directory, or nothing.
manifold_java_home() {
  _mf_ok() { # $1 = a JDK/JRE home
    [ -x "$1/bin/java" ] && [ -r "$1/release" ] || return 1
    _v=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$1/release")
    [ -n "$_v" ] && [ "$_v" -ge 21 ]
  }
  for _c in "${MANIFOLD_JAVA_HOME:-}" "${JAVA_HOME:-}"; do
    [ -n "$_c" ] && _mf_ok "$_c" && { echo "$_c"; return 0; }
  done
  for _c in $(ls -d /usr/lib/jvm/*/ 2>/dev/null | sort -rV); do
    _c=${_c%/}
    _mf_ok "$_c" && { echo "$_c"; return 0; }
  done
  if command -v java >/dev/null 2>&1; then
    _c=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")
    _mf_ok "$_c" && { echo "$_c"; return 0; }
  fi
  return 1
}
