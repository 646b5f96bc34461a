#!/usr/bin/env bash
# Builds Huiji and shows what it does on its embedded SQLite default: the histories of three of
# alice's devices are merged into one profile and the merged conversation is printed.
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
huiji_install
huiji_build "$huiji_root/build" -DCMAKE_BUILD_TYPE=RelWithDebInfo

cli="$huiji_root/build/app/cli/huiji-cli"
profile="${HUIJI_PROFILE:-$huiji_root/build/demo-profile}"
echo
echo "== Merging the demo histories of alice's desktop, laptop and phone into $profile"
"$cli" import --profile "$profile" "$huiji_root"/resources/demo/{desktop,laptop,phone}.json
echo
echo "== The devices the records came from"
"$cli" devices --profile "$profile"
echo
echo "== alice's conversation with bob, merged from every device, each record labelled"
"$cli" history bob --profile "$profile"
echo
echo "== Searching every conversation for 会议"
"$cli" history --search 会议 --profile "$profile"
