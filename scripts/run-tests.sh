#!/usr/bin/env bash
# Runs each fuzz target for a short while, then builds Huiji with AddressSanitizer and
# UndefinedBehaviorSanitizer and runs every test suite (ctest's summary is the last word).
# The tests need what a desktop session has: a D-Bus session bus with gnome-keyring for
# QtKeychain (started here, with a keyring password made up for this run) and an offscreen
# platform for widgets.
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
huiji_install dbus dbus-x11 gnome-keyring
status=0

# Each fuzz target for a short bounded time, in a clang build of its own (docs/fuzzing.md).
bash "$huiji_root/tests/fuzz/run-fuzzers.sh" --seconds 25 || status=1

huiji_build "$huiji_root/build-tests" -DCMAKE_BUILD_TYPE=Debug -DHUIJI_SANITIZE=ON
export QT_QPA_PLATFORM=offscreen
cd "$huiji_root/build-tests"
dbus-run-session -- bash -c '
    export XDG_DATA_HOME=$(mktemp -d) # a keyring of its own, not the user'"'"'s
    head -c 24 /dev/urandom | base64 | gnome-keyring-daemon --unlock --components=secrets > /dev/null
    ctest --output-on-failure --timeout 600 --parallel "$(nproc)"
' || status=$?
exit $status
