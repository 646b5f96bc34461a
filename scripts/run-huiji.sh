#!/usr/bin/env bash
# Builds Huiji and shows what it does on its embedded SQLite default: huijid starts, alice uses a
# laptop and a phone while her storage terminal (the desktop) is off, and the desktop then
# receives everything, merged per contact and labelled by device. The desktop client then opens
# on two of alice's devices, the storage terminal with its merged history viewer and the laptop,
# and bob writes to both. Safe to run again: each run starts from fresh data under build/demo.
#
# Without a display (no DISPLAY or WAYLAND_DISPLAY) it runs itself under xvfb-run, saves what the
# screen shows to build/demo/screen.png and ends; on a desktop it ends when the windows are closed.
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
if [ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
    huiji_install xvfb xauth imagemagick
    exec xvfb-run --auto-servernum --server-args="-screen 0 1600x900x24" \
        env HUIJI_DEMO_SCREENSHOT="$huiji_root/build/demo/screen.png" bash "${BASH_SOURCE[0]}" "$@"
fi
huiji_install
huiji_build "$huiji_root/build" -DCMAKE_BUILD_TYPE=RelWithDebInfo

bin="$huiji_root/build/app"
demo="$huiji_root/build/demo"
rm -rf "$demo"
mkdir -p "$demo"
port=${HUIJI_PORT:-17468}
export QT_LOGGING_RULES="huiji.*.info=false"

# Passwords are made up for this run and kept in files only the demo reads.
umask 077
head -c 18 /dev/urandom | base64 > "$demo/alice.password"
head -c 18 /dev/urandom | base64 > "$demo/bob.password"

echo "== Starting huijid (data in $demo/server)"
# The certificate's fingerprint, as the operator hands it to users: huiji-cli trusts the server on
# first use only when it matches, before any password is sent.
fingerprint=$("$bin/server/huijid" --data "$demo/server" fingerprint)
echo "   certificate fingerprint (huijid fingerprint): $fingerprint"
"$bin/server/huijid" --data "$demo/server" --listen 127.0.0.1 --port "$port" &
server=$!
clients=()
trap 'kill "${clients[@]}" $server 2>/dev/null; wait "${clients[@]}" $server 2>/dev/null' EXIT
for _ in $(seq 50); do (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.2; done

cli() { local who=$1 profile=$2; shift 2; "$bin/cli/huiji-cli" --profile "$demo/$profile" --password-file "$demo/$who.password" --fingerprint "$fingerprint" "$@"; }

echo
echo "== alice registers from her desktop and makes it the storage terminal; bob registers"
cli alice desktop register --server "127.0.0.1:$port" --user alice --name Desktop
cli bob bob register --server "127.0.0.1:$port" --user bob --name "Bob's PC"
cli alice desktop storage-terminal set --this
cli alice desktop contacts add bob
cli bob bob contacts accept alice

echo
echo "== The desktop is off. alice talks to bob from her laptop, then from her phone"
cli alice laptop login --server "127.0.0.1:$port" --user alice --name Laptop > /dev/null
cli alice laptop send bob "Laptop here: did last night's build pass?"
cli bob bob send alice "Yes, all green. 测试全部通过。"
cli alice phone login --server "127.0.0.1:$port" --user alice --name Phone > /dev/null
cli alice phone send bob "On my phone now. Lunch at twelve?"
cli bob bob send alice "好的，十二点见"

echo
echo "== alice's devices, by how often they were used (claims 7-8)"
cli alice phone devices --sort frequency

echo
echo "== The desktop comes back and receives what the server held for it"
cli alice desktop sync
echo
echo "== The desktop's merged history with bob, each record labelled with its device"
cli alice desktop history bob
echo
echo "== Searching it for 十二点"
cli alice desktop history --search 十二点

echo
echo "== Earlier histories (resources/demo) imported into another profile and merged"
"$bin/cli/huiji-cli" import --profile "$demo/imported" "$huiji_root"/resources/demo/{desktop,laptop,phone}.json
"$bin/cli/huiji-cli" history bob --profile "$demo/imported" --limit 8

echo
echo "== The desktop client on two of alice's devices: the storage terminal with its merged history"
echo "   viewer, and the laptop. bob writes; both windows show it as it arrives."
huiji() { local profile=$1; shift; "$bin/desktop/huiji" --profile "$demo/$profile" --password-file "$demo/alice.password" "$@" & clients+=($!); }
huiji desktop --history -geometry 900x600+0+0
huiji laptop -geometry 580x560+1010+0
sleep 4
cli bob bob send alice "Both of your windows see this. 两个窗口都能看到。"
if [ -n "${HUIJI_DEMO_SCREENSHOT:-}" ]; then
    sleep 3
    import -window root "$HUIJI_DEMO_SCREENSHOT"
    echo "The screen as it was: $HUIJI_DEMO_SCREENSHOT"
else
    echo "Close the Huiji windows to end the demo."
    wait "${clients[@]}"
fi
