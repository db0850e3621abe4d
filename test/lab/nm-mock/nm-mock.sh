#!/usr/bin/env bash
# A NetworkManager for the real nmcli without a Wi-Fi radio: a private D-Bus daemon with
# python-dbusmock's NetworkManager template (Debian: python3-dbusmock), given one scenario by
# nm-scenario.py. Nothing here touches a network: D-Bus runs over a Unix socket in <dir>.
#   nm-mock.sh start <dir> <scenario> [wifi-if] [wired-if]  → prints DBUS_SYSTEM_BUS_ADDRESS value
#   nm-mock.sh stop <dir>
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cmd=$1 dir=$2
stop() {
  for f in "$dir/mock.pid" "$dir/dbus.pid"; do
    [ -s "$f" ] && kill "$(cat "$f")" 2>/dev/null || true
    rm -f "$f"
  done
}
case "$cmd" in
  start)
    scenario=$3 wifi_if=${4:-wlp2s0} wired_if=${5:-enp1s0}
    mkdir -p "$dir"
    stop
    address="unix:path=$dir/bus"
    rm -f "$dir/bus"
    dbus-daemon --session --address="$address" --fork --print-pid=3 --nopidfile 3>"$dir/dbus.pid" >/dev/null
    DBUS_SYSTEM_BUS_ADDRESS=$address setsid /usr/bin/python3 -m dbusmock --system --template networkmanager >"$dir/mock.log" 2>&1 </dev/null &
    echo $! >"$dir/mock.pid"
    for _ in $(seq 100); do
      dbus-send --bus="$address" --print-reply --dest=org.freedesktop.NetworkManager /org/freedesktop/NetworkManager \
        org.freedesktop.DBus.Properties.Get string:org.freedesktop.NetworkManager string:Version >/dev/null 2>&1 && break
      sleep 0.1
    done
    /usr/bin/python3 "$here/nm-scenario.py" "$scenario" "$address" "$wifi_if" "$wired_if"
    echo "$address"
    ;;
  stop) stop ;;
  *) echo "usage: nm-mock.sh start|stop <dir> ..." >&2; exit 2 ;;
esac
