# shellcheck shell=bash
# Sourced by bin/linkguard, .ci/run and bench/*: sets JAVA_HOME to a JDK 25 or newer.
# Order: $JAVA_HOME if it is 25+, then /usr/lib/jvm/*, then java on PATH.

_lg_java_major() { # prints the feature version of the java binary $1, or nothing
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n1
}

linkguard_find_jdk25() {
  local cand major
  for cand in "${JAVA_HOME:-}" /usr/lib/jvm/* "$(dirname "$(dirname "$(readlink -f "$(command -v java 2>/dev/null || echo /nonexistent)")")")"; do
    [ -n "$cand" ] && [ -x "$cand/bin/java" ] || continue
    major=$(_lg_java_major "$cand/bin/java")
    if [ -n "$major" ] && [ "$major" -ge 25 ]; then
      export JAVA_HOME="$cand"
      return 0
    fi
  done
  echo "linkguard: no JDK 25 found (looked at \$JAVA_HOME=${JAVA_HOME:-unset}, /usr/lib/jvm/*, java on PATH)." >&2
  echo "linkguard: install one (e.g. Temurin 25) and/or set JAVA_HOME to it." >&2
  return 1
}
