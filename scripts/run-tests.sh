#!/usr/bin/env bash
# Builds Huiji with AddressSanitizer and UndefinedBehaviorSanitizer and runs every test suite.
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
huiji_install
huiji_build "$huiji_root/build-tests" -DCMAKE_BUILD_TYPE=Debug -DHUIJI_SANITIZE=ON

export QT_QPA_PLATFORM=offscreen
cd "$huiji_root/build-tests"
ctest --output-on-failure --timeout 600 --parallel "$(nproc)"
