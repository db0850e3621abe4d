#!/usr/bin/env bash
# Regenerate test/fixtures/local/linux/nmcli-dbusmock/: the real nmcli (from Debian's network-manager)
# reading nm-scenario.py's scenarios, with exactly the commands homeaudit's Linux collector runs.
# Runs nmcli in an empty network namespace of its own (nmcli only speaks D-Bus; this makes sure).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out="$here/../../fixtures/local/linux/nmcli-dbusmock"
nmcli="$here/../.pkgs/network-manager/usr/bin/nmcli" # unpacked by test/lab/install-packages.sh
mkdir -p "$out"
ns=nmcapture
ip netns add "$ns" 2>/dev/null || true
trap 'ip netns del "$ns" 2>/dev/null || true' EXIT
work=$(mktemp -d)
capture() { # file, nmcli args...
  local file=$1; shift
  ip netns exec "$ns" env DBUS_SYSTEM_BUS_ADDRESS="$address" LC_ALL=C LANG=C "$nmcli" "$@" >"$out/$file"
}
for scenario in open wep wpa1 wpa2 wpa2-tkip mixed wpa3 transition enterprise owe eviltwin disconnected ethernet-only; do
  address=$("$here/nm-mock.sh" start "$work" "$scenario")
  capture "$scenario.wifi-list.txt" -t -f ACTIVE,SSID,BSSID,SECURITY,WPA-FLAGS,RSN-FLAGS,CHAN,FREQ,SIGNAL,DEVICE dev wifi list --rescan no
  capture "$scenario.device.txt" -t -f DEVICE,TYPE,STATE device
  capture "$scenario.active-connections.txt" -t -f NAME,TYPE,DEVICE connection show --active
  if [ "$scenario" = wep ]; then
    capture wep.wifi-list-default-fields.txt -t dev wifi list --rescan no
    capture wep.wifi-table.txt dev wifi list --rescan no
  fi
  "$here/nm-mock.sh" stop "$work"
done
"$nmcli" --version >"$out/nmcli-version.txt"
rm -rf "$work"
