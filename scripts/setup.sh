# Sourced by run-huiji.sh and run-tests.sh: installs what is missing (Debian 12, as root) and builds.
# Safe to run again: packages already there are not touched, and the build is incremental.
set -euo pipefail

huiji_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

huiji_packages=(
    cmake ninja-build g++ pkg-config
    qt6-base-dev qt6-base-dev-tools libqt6sql6-sqlite qt6-tools-dev qt6-l10n-tools qtkeychain-qt6-dev
    libqt6svg6 qt6-translations-l10n
    libargon2-dev libssl-dev
)

huiji_install() {
    local missing=()
    for package in "${huiji_packages[@]}" "$@"; do
        dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' || missing+=("$package")
    done
    if [ ${#missing[@]} -gt 0 ]; then
        echo "Installing: ${missing[*]}"
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
    fi
}

# huiji_build DIR [cmake options...]
huiji_build() {
    local dir=$1
    shift
    cmake -S "$huiji_root" -B "$dir" -G Ninja "$@"
    cmake --build "$dir" --parallel "$(nproc)"
}
